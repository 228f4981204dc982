package org.licensekit.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.StoreParts;
import org.licensekit.core.spi.Transactions;

/**
 * Binds each call of a store port to the tenant it names, for row-level security: every port method
 * takes the tenant it works for, and while it runs, {@link JdbcTransactions} sets that tenant as the
 * session setting before each statement. A method that names no tenant runs unbound, and its
 * statements see no row of a protected table.
 */
final class TenantBinding {

  private TenantBinding() {}

  /**
   * {@code parts} with every port bound to the tenant of each call: each accessor returning an
   * interface (every port, and any port a later version adds) returns it wrapped, once.
   */
  static StoreParts bind(StoreParts parts, JdbcTransactions transactions) {
    Map<Method, Object> wrapped = new ConcurrentHashMap<>();
    return (StoreParts) Proxy.newProxyInstance(StoreParts.class.getClassLoader(), new Class<?>[] {StoreParts.class},
        (proxy, method, args) -> {
          Object value = call(method, parts, args);
          if (value == null || (args != null && args.length > 0) || !method.getReturnType().isInterface()
              || method.getDeclaringClass() == Object.class || method.getReturnType() == Transactions.class) {
            return value;
          }
          return wrapped.computeIfAbsent(method, accessor -> bindUnchecked(accessor.getReturnType(), value, transactions));
        });
  }

  @SuppressWarnings("unchecked")
  private static <T> T bindUnchecked(Class<T> port, Object delegate, JdbcTransactions transactions) {
    return bind(port, (T) delegate, transactions);
  }

  static <T> T bind(Class<T> port, T delegate, JdbcTransactions transactions) {
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
      Optional<TenantId> tenant = tenantOf(args);
      if (tenant.isEmpty()) {
        return call(method, delegate, args);
      }
      try {
        return transactions.asTenant(tenant.get().value(), () -> {
          try {
            return call(method, delegate, args);
          } catch (Throwable e) {
            throw new Rethrow(e);
          }
        });
      } catch (Rethrow wrapped) {
        throw wrapped.getCause();
      }
    }));
  }

  /**
   * The tenant a call names: its first {@link TenantId} argument or, for a call taking a collection
   * of records that each name their tenant ({@code tenant()}, an outbox's messages say), that tenant
   * when they all name the same one.
   */
  private static Optional<TenantId> tenantOf(Object[] args) {
    if (args == null) {
      return Optional.empty();
    }
    for (Object arg : args) {
      if (arg instanceof TenantId tenant) {
        return Optional.of(tenant);
      }
    }
    for (Object arg : args) {
      if (arg instanceof Collection<?> records && !records.isEmpty()) {
        Set<TenantId> named = new HashSet<>();
        for (Object record : records) {
          tenantOfRecord(record).ifPresentOrElse(named::add, () -> named.add(null));
        }
        if (named.size() == 1 && !named.contains(null)) {
          return Optional.of(named.iterator().next());
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<TenantId> tenantOfRecord(Object record) {
    if (record == null) {
      return Optional.empty();
    }
    // through the public interface that declares it, since a generated value class may not be public
    for (Class<?> type : record.getClass().getInterfaces()) {
      try {
        Method accessor = type.getMethod("tenant");
        if (accessor.getReturnType() == TenantId.class) {
          return Optional.ofNullable((TenantId) accessor.invoke(record));
        }
      } catch (ReflectiveOperationException e) {
        // not this interface
      }
    }
    return Optional.empty();
  }

  private static Object call(Method method, Object delegate, Object[] args) throws Throwable {
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Carries what a port threw through the binding unchanged. */
  private static final class Rethrow extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Rethrow(Throwable cause) {
      super(null, cause, false, false);
    }
  }
}

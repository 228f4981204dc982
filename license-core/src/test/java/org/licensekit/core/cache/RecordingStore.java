package org.licensekit.core.cache;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.Transactions;

/**
 * The store a {@link CachingLicenseStore} wraps in these tests: a real in-memory store whose
 * sub-stores count every call ({@code "directory.findUser"}) and let a test step into one call —
 * to block it on a latch, or to answer as a database would while another transaction runs.
 */
final class RecordingStore {

  /** Stands in for one call of the wrapped store. */
  @FunctionalInterface
  interface Interceptor {
    Object intercept(Callable<Object> proceed) throws Exception;
  }

  private final InMemoryLicenseStore real = InMemoryLicenseStore.create();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, Interceptor> interceptors = new ConcurrentHashMap<>();
  private final LicenseStore recording = (LicenseStore) Proxy.newProxyInstance(
      LicenseStore.class.getClassLoader(), new Class<?>[] {LicenseStore.class}, this::subStore);
  private final Map<String, Object> subStores = new ConcurrentHashMap<>();

  /** The store to wrap: counts calls and honours interceptors. */
  LicenseStore store() {
    return recording;
  }

  /** The same data without counting: what another JVM sharing the database would write to. */
  LicenseStore underlying() {
    return real;
  }

  /** How many calls of {@code name} ({@code "port.method"}) reached the wrapped store. */
  int calls(String name) {
    AtomicInteger count = calls.get(name);
    return count == null ? 0 : count.get();
  }

  /** Every call counted so far, by name. */
  int totalCalls() {
    return calls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  void resetCounts() {
    calls.clear();
  }

  /** Lets {@code interceptor} stand in for the next call of {@code name}, on whichever thread. */
  void interceptNext(String name, Interceptor interceptor) {
    interceptors.put(name, interceptor);
  }

  private Object subStore(Object proxy, Method method, Object[] args) throws Throwable {
    Object target = invoke(real, method, args);
    if (method.getReturnType() == Transactions.class || !method.getReturnType().isInterface()) {
      return target;
    }
    return subStores.computeIfAbsent(method.getName(), port -> Proxy.newProxyInstance(
        LicenseStore.class.getClassLoader(), new Class<?>[] {method.getReturnType()}, counting(port, target)));
  }

  private InvocationHandler counting(String port, Object target) {
    return (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return invoke(target, method, args);
      }
      String name = port + "." + method.getName();
      calls.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
      Interceptor interceptor = interceptors.remove(name);
      return interceptor == null ? invoke(target, method, args) : interceptor.intercept(() -> invoke(target, method, args));
    };
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Exception {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}

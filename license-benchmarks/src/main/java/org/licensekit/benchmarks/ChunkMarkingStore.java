package org.licensekit.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.licensekit.core.spi.DirectoryStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.UserQueryStore;

/**
 * A store that reports when each chunk of a bulk run starts, in both modes (an all-or-nothing run
 * tells its listener nothing before its one transaction ends): a grant reads each chunk's page of
 * user ids ({@code findUserIds}) and an onboarding run inserts each chunk's accounts
 * ({@code insertUsers}) once per chunk. Everything else is the wrapped store's.
 */
final class ChunkMarkingStore {

  private ChunkMarkingStore() {}

  /** {@code store}, calling {@code chunkStarted} before each chunk's page read or account insert. */
  static LicenseStore wrap(LicenseStore store, Runnable chunkStarted) {
    UserQueryStore users = marking(UserQueryStore.class, store.userQueries(), "findUserIds", chunkStarted);
    DirectoryStore directory = marking(DirectoryStore.class, store.directory(), "insertUsers", chunkStarted);
    return LicenseStore.class.cast(Proxy.newProxyInstance(LicenseStore.class.getClassLoader(), new Class<?>[] {LicenseStore.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "userQueries" -> users;
          case "directory" -> directory;
          default -> invoke(store, method, args);
        }));
  }

  private static <T> T marking(Class<T> type, T target, String marked, Runnable mark) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      if (method.getName().equals(marked)) {
        mark.run();
      }
      return invoke(target, method, args);
    }));
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}

package org.licensekit.testkit;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.licensekit.core.spi.Notification;
import org.licensekit.core.spi.Notifier;

/** Keeps every notification sent, for assertions. Thread-safe. */
public final class RecordingNotifier implements Notifier {

  private final List<Notification> sent = new CopyOnWriteArrayList<>();

  @Override
  public void send(Notification notification) {
    sent.add(notification);
  }

  public List<Notification> sent() {
    return ImmutableList.copyOf(sent);
  }

  public List<Notification> sent(Notification.Kind kind) {
    return sent.stream().filter(n -> n.kind() == kind).collect(ImmutableList.toImmutableList());
  }

  public void clear() {
    sent.clear();
  }
}

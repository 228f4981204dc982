package org.licensekit.core.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ActorKind;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseEvent;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.Notification;

/**
 * Encodes notifications and events as an outbox payload and back: URL-encoded {@code name=value}
 * pairs joined by {@code &}, the attributes as {@code attr.<name>}; a batch of notifications or of
 * events one such record per line. Every character survives.
 */
public final class OutboxCodec {

  private static final String ATTRIBUTE = "attr.";
  private static final String BATCH_SEPARATOR = "\n";

  private OutboxCodec() {}

  static String encode(Notification notification) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("kind", notification.kind().name());
    fields.put("user", notification.user().value());
    fields.put("email", notification.email());
    fields.put("name", notification.name());
    attributes(fields, notification.attributes());
    return join(fields);
  }

  static Notification notification(TenantId tenant, String messageId, String payload) {
    Map<String, String> fields = split(payload);
    return Notification.builder()
        .tenant(tenant)
        .messageId(messageId)
        .kind(Notification.Kind.valueOf(fields.get("kind")))
        .user(UserId.of(fields.get("user")))
        .email(fields.get("email"))
        .name(fields.get("name"))
        .attributes(attributes(fields))
        .build();
  }

  /**
   * A batch of notifications as one payload: each encoded as {@link #encode(Notification)} does,
   * one per line. An encoded notification has no line feed (every value is URL-encoded), so the
   * lines split back exactly.
   */
  static String encodeAll(List<Notification> notifications) {
    StringBuilder out = new StringBuilder(notifications.size() * 160);
    for (Notification notification : notifications) {
      out.append(out.length() == 0 ? "" : BATCH_SEPARATOR).append(encode(notification));
    }
    return out.toString();
  }

  /** A batch of events as one payload: each encoded as {@link #encode(LicenseEvent)} does, one per line. */
  static String encodeAllEvents(List<LicenseEvent> events) {
    StringBuilder out = new StringBuilder(events.size() * 200);
    for (LicenseEvent event : events) {
      out.append(out.length() == 0 ? "" : BATCH_SEPARATOR).append(encode(event));
    }
    return out.toString();
  }

  /**
   * The events of a batch message, in their order, each with its own stable message id: the
   * batch's id, {@code /}, and its place in the batch from 1 (as {@link #notifications} numbers them).
   */
  static List<LicenseEvent> events(TenantId tenant, String messageId, String payload) {
    return batch(messageId, payload, (id, line) -> event(tenant, id, line));
  }

  /**
   * The notifications of a batch message, in their order, each with its own stable message id: the
   * batch's id, {@code /}, and its place in the batch from 1.
   */
  static List<Notification> notifications(TenantId tenant, String messageId, String payload) {
    return batch(messageId, payload, (id, line) -> notification(tenant, id, line));
  }

  /** Each line of a batch payload decoded with its stable id: the batch's id, {@code /}, its place from 1. */
  private static <T> List<T> batch(String messageId, String payload, BiFunction<String, String, T> decode) {
    List<String> lines = lines(payload);
    List<T> decoded = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      decoded.add(decode.apply(messageId + "/" + (i + 1), lines.get(i)));
    }
    return decoded;
  }

  /** How many notifications a batch payload holds. */
  static int count(String payload) {
    return lines(payload).size();
  }

  /** The encoded records of a payload: one for a single notification or event, one per line for a batch. */
  public static List<String> lines(String payload) {
    return List.of(payload.split(BATCH_SEPARATOR, -1));
  }

  /** Lines back into one payload ({@link #lines} undone). */
  public static String joinLines(List<String> lines) {
    return String.join(BATCH_SEPARATOR, lines);
  }

  static String encode(LicenseEvent event) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("type", event.type().name());
    fields.put("at", event.at().toString());
    fields.put("actorKind", event.actor().kind().name());
    fields.put("actorId", event.actor().id());
    fields.put("subjectType", event.subjectType());
    fields.put("subjectId", event.subjectId());
    event.user().ifPresent(user -> fields.put("user", user.value()));
    event.product().ifPresent(product -> fields.put("product", product.value()));
    attributes(fields, event.attributes());
    return join(fields);
  }

  static LicenseEvent event(TenantId tenant, String messageId, String payload) {
    Map<String, String> fields = split(payload);
    return LicenseEvent.builder()
        .tenant(tenant)
        .messageId(messageId)
        .type(ChangeType.valueOf(fields.get("type")))
        .at(Instant.parse(fields.get("at")))
        .actor(new Actor(ActorKind.valueOf(fields.get("actorKind")), fields.get("actorId")))
        .subjectType(fields.get("subjectType"))
        .subjectId(fields.get("subjectId"))
        .user(Optional.ofNullable(fields.get("user")).map(UserId::of))
        .product(Optional.ofNullable(fields.get("product")).map(ProductId::of))
        .attributes(attributes(fields))
        .build();
  }

  /** The payload with every field's value passed through {@code rewrite}, names and order kept. */
  public static String rewriteValues(String payload, java.util.function.UnaryOperator<String> rewrite) {
    Map<String, String> fields = split(payload);
    fields.replaceAll((name, value) -> rewrite.apply(value));
    return join(fields);
  }

  /** The user a payload names (a notification's recipient, an event's user), if any. */
  public static Optional<UserId> user(String payload) {
    return Optional.ofNullable(split(payload).get("user")).map(UserId::of);
  }

  /** {@code value} as it appears inside a payload. */
  public static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void attributes(Map<String, String> fields, Map<String, String> attributes) {
    new TreeMap<>(attributes).forEach((name, value) -> fields.put(ATTRIBUTE + name, value));
  }

  private static Map<String, String> attributes(Map<String, String> fields) {
    Map<String, String> attributes = new LinkedHashMap<>();
    fields.forEach((name, value) -> {
      if (name.startsWith(ATTRIBUTE)) {
        attributes.put(name.substring(ATTRIBUTE.length()), value);
      }
    });
    return attributes;
  }

  private static String join(Map<String, String> fields) {
    StringBuilder out = new StringBuilder();
    fields.forEach((name, value) -> out.append(out.length() == 0 ? "" : "&")
        .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return out.toString();
  }

  private static Map<String, String> split(String payload) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (payload.isEmpty()) {
      return fields;
    }
    for (String pair : payload.split("&", -1)) {
      int equals = pair.indexOf('=');
      fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return fields;
  }
}

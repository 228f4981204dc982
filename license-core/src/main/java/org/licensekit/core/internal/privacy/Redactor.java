package org.licensekit.core.internal.privacy;

import com.google.common.collect.ImmutableSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.OutboxCodec;
import org.licensekit.core.internal.bulk.BulkResultCodec;
import org.licensekit.core.policy.Pseudonym;
import org.licensekit.core.spi.PersonalText;

/**
 * Replaces one person's name and e-mail address by their pseudonym in a text, in one pass (so a
 * replacement is never replaced again), in the form the text keeps them: verbatim, or escaped as a
 * bulk result escapes its fields; an outbox payload is decoded, rewritten field by field and
 * encoded again.
 *
 * <p>The person's former names and addresses count too: an earlier rename or change of address
 * left them in the account as their own audit entries rendered it ({@code UserAccount{id=…,
 * name=…, email=…}}), and they may be copied anywhere the current ones are.
 *
 * <p>In records that belong to the person (their audit entries, claims, waitlist places and the
 * outbox messages naming them) both are replaced wherever they occur. In other records — free text
 * an administrator wrote about someone else — the e-mail address is replaced, and the name only
 * when it is a full name (two words or more, at least {@value #MIN_NAME_ELSEWHERE} characters):
 * a short name such as {@code Li} would otherwise be replaced inside other people's words.
 */
final class Redactor {

  static final int MIN_NAME_ELSEWHERE = 5;

  /** A bulk request's search text, as its filter renders it. */
  private static final Pattern SEARCH = Pattern.compile("nameOrEmailContains=Optional\\[(.*?)\\], claim=");

  private final UserId user;
  private final String pseudonymName;
  private final Map<String, String> owned = new LinkedHashMap<>();
  private final Map<String, String> elsewhere = new LinkedHashMap<>();

  /**
   * A redactor of the person's names and addresses: {@code account}'s, and the former ones an
   * earlier rename left in {@code former} (texts of their own audit entries).
   */
  Redactor(UserAccount account, Pseudonym pseudonym, List<String> former) {
    this.user = account.id();
    this.pseudonymName = pseudonym.name();
    Set<String> names = new LinkedHashSet<>(List.of(account.name()));
    Set<String> emails = new LinkedHashSet<>(List.of(account.email()));
    Pattern rendered = Pattern.compile("UserAccount\\{id=" + Pattern.quote(account.id().value()) + ", name=(.*?), email=([^\\s,}]+)");
    for (String text : former) {
      Matcher match = rendered.matcher(text);
      while (match.find()) {
        names.add(match.group(1));
        emails.add(match.group(2));
      }
    }
    // addresses first: a name inside an address must not leave it half replaced (and the longest
    // match wins in each pass anyway)
    emails.forEach(email -> {
      owned.put(email, pseudonym.email());
      elsewhere.put(email, pseudonym.email());
    });
    names.forEach(name -> {
      owned.putIfAbsent(name, pseudonym.name());
      String stripped = name.strip();
      if (stripped.length() >= MIN_NAME_ELSEWHERE && stripped.contains(" ")) {
        elsewhere.putIfAbsent(name, pseudonym.name());
      }
    });
    owned.keySet().removeIf(String::isEmpty);
    elsewhere.keySet().removeIf(String::isEmpty);
  }

  /** Every form in which the name or address may be stored, to find the records to rewrite. */
  Set<String> needles() {
    ImmutableSet.Builder<String> needles = ImmutableSet.builder();
    for (String value : owned.keySet()) {
      needles.add(value, OutboxCodec.encoded(value), BulkResultCodec.escape(value));
    }
    return needles.build();
  }

  /** The verbatim forms, to find audit entries that mention the person. */
  Set<String> verbatim() {
    return ImmutableSet.copyOf(owned.keySet());
  }

  /** {@code text} of a record that belongs to the person when {@code ownedByUser}. */
  String verbatim(String text, boolean ownedByUser) {
    return replace(text, ownedByUser ? owned : elsewhere);
  }

  Optional<String> verbatim(Optional<String> text, boolean ownedByUser) {
    return text.map(value -> verbatim(value, ownedByUser));
  }

  /** The record's text with the name and address replaced, in the record's own encoding. */
  String rewrite(PersonalText text) {
    boolean ownedByUser = text.owner().filter(user::equals).isPresent();
    return switch (text.kind()) {
      case CLAIM_REASON, WAITLIST_REASON, OUTBOX_ERROR -> verbatim(text.text(), ownedByUser);
      case OUTBOX_PAYLOAD -> OutboxCodec.joinLines(OutboxCodec.lines(text.text()).stream().map(this::payloadLine).toList());
      case BULK_RESULT -> replace(text.text(), escaped(elsewhere));
      case BULK_REQUEST -> searchText(verbatim(text.text(), false));
    };
  }

  /** One notification or event of an outbox payload (a batch has one per line), its recipient's or another's. */
  private String payloadLine(String line) {
    boolean recipient = OutboxCodec.user(line).filter(user::equals).isPresent();
    return OutboxCodec.rewriteValues(line, value -> verbatim(value, recipient));
  }

  /**
   * A remembered bulk request's search text (its filter's {@code nameOrEmailContains}) replaced by
   * the pseudonym when it is part of one of the person's names or addresses (ignoring case): such a
   * search named the person. The request then no longer matches a replay of the original one.
   */
  private String searchText(String request) {
    Matcher search = SEARCH.matcher(request);
    if (!search.find()) {
      return request;
    }
    String text = search.group(1).toLowerCase(Locale.ROOT);
    boolean names = !text.isEmpty() && owned.keySet().stream().anyMatch(value -> value.toLowerCase(Locale.ROOT).contains(text));
    return names ? request.substring(0, search.start(1)) + pseudonymName + request.substring(search.end(1)) : request;
  }

  private static Map<String, String> escaped(Map<String, String> pairs) {
    Map<String, String> escaped = new LinkedHashMap<>();
    pairs.forEach((from, to) -> escaped.put(BulkResultCodec.escape(from), BulkResultCodec.escape(to)));
    return escaped;
  }

  private static String replace(String text, Map<String, String> pairs) {
    if (pairs.isEmpty() || pairs.keySet().stream().noneMatch(text::contains)) {
      return text;
    }
    Pattern any = Pattern.compile(pairs.keySet().stream()
        .sorted((a, b) -> Integer.compare(b.length(), a.length()))
        .map(Pattern::quote).collect(Collectors.joining("|")));
    Matcher matcher = any.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(pairs.get(matcher.group())));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}

package org.licensekit.reports.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.LicensingException;
import org.licensekit.core.api.BulkActions;
import org.licensekit.core.api.BulkListener;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRegistration;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.ImmutableNewUser;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.UserId;

/**
 * Bulk onboarding from a CSV file: each row one new user, registered through
 * {@link BulkActions#register(BulkRegistration, BulkListener)} with everything the bulk registration
 * does (checks, job-profile roles, pending claims, invitations, chunks, mode, idempotency key).
 *
 * <p>The layout (RFC 4180, UTF-8, a header row naming the columns, in any order):
 *
 * <table>
 *   <caption>Columns</caption>
 *   <tr><th>column</th><th>required</th><th>value</th></tr>
 *   <tr><td>{@code id}</td><td>yes</td><td>the host's user id</td></tr>
 *   <tr><td>{@code name}</td><td>yes</td><td>the user's name</td></tr>
 *   <tr><td>{@code email}</td><td>yes</td><td>the e-mail address</td></tr>
 *   <tr><td>{@code job_profile}</td><td>no</td><td>a job profile id, or empty</td></tr>
 *   <tr><td>{@code organizations}</td><td>no</td><td>organization ids separated by {@code ;}</td></tr>
 *   <tr><td>{@code additional_roles}</td><td>no</td><td>role ids separated by {@code ;}</td></tr>
 *   <tr><td>{@code end_date}</td><td>no</td><td>{@code yyyy-MM-dd}, or empty</td></tr>
 *   <tr><td>{@code invite}</td><td>no</td><td>{@code true} (the default when empty) or {@code false}</td></tr>
 * </table>
 *
 * <p>A row that cannot be read as a user (a missing or extra cell, a bad id, date or flag) is
 * reported as a {@link LineError} naming its row and column and is not registered: nothing of it
 * is written. An all-or-nothing request with any such row registers nobody. Rows that read well
 * are checked by the bulk registration like any new user (an invalid e-mail address, an unknown
 * organization), and refused there with the field named in the user's outcome.
 *
 * <p>The file is read in a streaming way, never held in memory: once for the rows' errors, then
 * as the bulk registration reads its users (twice: to count and fingerprint them, then to register).
 */
public final class UsersCsvImport {

  /** Every column the layout knows, in the order a template writes them. */
  public static final List<String> COLUMNS =
      List.of("id", "name", "email", "job_profile", "organizations", "additional_roles", "end_date", "invite");

  /** The columns every file must have. */
  public static final List<String> REQUIRED_COLUMNS = List.of("id", "name", "email");

  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
      .setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();

  private final Path file;

  private UsersCsvImport(Path file) {
    this.file = file;
  }

  /**
   * An import of {@code file}.
   *
   * @throws NullPointerException when {@code file} is null
   */
  public static UsersCsvImport of(Path file) {
    return new UsersCsvImport(Objects.requireNonNull(file, "file"));
  }

  /**
   * A row that was not registered because it could not be read as a user.
   *
   * @param row the row's number in the file, the header being row 1
   * @param field the column at fault ({@code row} for a row with a wrong number of cells)
   * @param problem what is wrong
   */
  public record LineError(long row, String field, String problem) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException when a component is null
     */
    public LineError {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(problem, "problem");
    }
  }

  /**
   * What an import did.
   *
   * @param lineErrors every row not registered because it could not be read, in file order
   * @param run the bulk registration's result; empty when an all-or-nothing request had line errors
   *     and so registered nobody
   */
  public record Result(List<LineError> lineErrors, Optional<BulkResult> run) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException when a component is null
     */
    public Result {
      lineErrors = List.copyOf(lineErrors);
      Objects.requireNonNull(run, "run");
    }
  }

  /**
   * Every row's reading error, without registering anyone.
   *
   * @throws InvalidInputException naming {@code header} when a required column is missing or one is unknown or repeated
   * @throws UncheckedIOException when the file cannot be read
   */
  public List<LineError> check() {
    List<LineError> errors = new ArrayList<>();
    try (Stream<NewUser> rows = rows(errors::add)) {
      rows.forEach(user -> { });
    }
    return errors;
  }

  /**
   * Registers every row that reads as a user.
   *
   * @param settings sets the request's mode, idempotency key, chunk size or reason on the builder given
   * @throws InvalidInputException naming {@code header} for a bad header, or a field of the request's settings
   * @throws UncheckedIOException when the file cannot be read
   * @throws LicensingException as {@link BulkActions#register(BulkRegistration, BulkListener)} throws
   */
  public Result register(BulkActions bulk, UnaryOperator<BulkRegistration.Builder> settings, BulkListener listener) {
    return run(bulk, settings, listener, false);
  }

  /**
   * A dry run of {@link #register}: the rows' errors and the outcomes the registration would have,
   * writing nothing.
   *
   * @throws InvalidInputException naming {@code header} for a bad header, or a field of the request's settings
   * @throws UncheckedIOException when the file cannot be read
   * @throws LicensingException as {@link BulkActions#previewRegister(BulkRegistration, BulkListener)} throws
   */
  public Result preview(BulkActions bulk, UnaryOperator<BulkRegistration.Builder> settings, BulkListener listener) {
    return run(bulk, settings, listener, true);
  }

  private Result run(BulkActions bulk, UnaryOperator<BulkRegistration.Builder> settings, BulkListener listener, boolean dry) {
    List<LineError> errors = check();
    BulkRegistration request = settings.apply(BulkRegistration.ofStreams(() -> rows(error -> { }))).build();
    if (!errors.isEmpty() && request.mode() == BulkMode.ALL_OR_NOTHING) {
      return new Result(errors, Optional.empty());
    }
    return new Result(errors, Optional.of(dry ? bulk.previewRegister(request, listener) : bulk.register(request, listener)));
  }

  /** The rows that read as users, in file order, each bad row handed to {@code errors} instead; closing the stream closes the file. */
  private Stream<NewUser> rows(Consumer<LineError> errors) {
    CSVParser parser;
    try {
      Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
      parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
    } catch (IOException | java.io.UncheckedIOException failure) {
      throw failure instanceof IOException io ? new UncheckedIOException(io) : (UncheckedIOException) failure;
    }
    try {
      checkHeader(parser.getHeaderMap());
    } catch (RuntimeException bad) {
      close(parser);
      throw bad;
    }
    Stream<CSVRecord> records = StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(parser.iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    return records.<NewUser>mapMulti((record, users) -> read(record, errors).ifPresent(users))
        .onClose(() -> close(parser));
  }

  private static void close(CSVParser parser) {
    try {
      parser.close();
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }

  private static void checkHeader(Map<String, Integer> header) {
    if (header == null || header.isEmpty()) {
      throw InvalidInputException.of("header", "the file has no header row; expected the columns " + COLUMNS);
    }
    Set<String> seen = new HashSet<>();
    for (String column : header.keySet()) {
      if (!COLUMNS.contains(column)) {
        throw InvalidInputException.of("header", "unknown column '" + column + "'; the columns are " + COLUMNS);
      }
      seen.add(column);
    }
    List<String> missing = REQUIRED_COLUMNS.stream().filter(column -> !seen.contains(column)).toList();
    if (!missing.isEmpty()) {
      throw InvalidInputException.of("header", "missing the required columns " + missing);
    }
  }

  /** The row as a new user, or empty after reporting the first cell that cannot be read. */
  private static Optional<NewUser> read(CSVRecord record, Consumer<LineError> errors) {
    long row = record.getRecordNumber() + 1;
    if (!record.isConsistent()) {
      errors.accept(new LineError(row, "row", "has " + record.size() + " cells; the header has " + record.getParser().getHeaderNames().size()));
      return Optional.empty();
    }
    String column = "id";
    try {
      ImmutableNewUser.Builder user = NewUser.builder().id(UserId.of(required(record, "id")));
      column = "name";
      user.name(required(record, "name"));
      column = "email";
      user.email(required(record, "email"));
      column = "job_profile";
      cell(record, column).map(JobProfileId::of).ifPresent(user::jobProfile);
      column = "organizations";
      list(record, column).forEach(id -> user.addOrganizations(OrganizationId.of(id)));
      column = "additional_roles";
      list(record, column).forEach(id -> user.addAdditionalRoles(RoleId.of(id)));
      column = "end_date";
      cell(record, column).map(LocalDate::parse).ifPresent(user::endDate);
      column = "invite";
      cell(record, column).map(UsersCsvImport::flag).ifPresent(user::invite);
      return Optional.of(user.build());
    } catch (LicensingException | IllegalArgumentException | DateTimeParseException bad) {
      errors.accept(new LineError(row, column, bad.getMessage()));
      return Optional.empty();
    }
  }

  private static String required(CSVRecord record, String column) {
    return cell(record, column).orElseThrow(() -> new IllegalArgumentException("must not be empty"));
  }

  private static Optional<String> cell(CSVRecord record, String column) {
    return record.isMapped(column) ? Optional.of(record.get(column).strip()).filter(value -> !value.isEmpty()) : Optional.empty();
  }

  private static List<String> list(CSVRecord record, String column) {
    return cell(record, column).map(value -> Arrays.stream(value.split(";")).map(String::strip).filter(id -> !id.isEmpty()).toList())
        .orElse(List.of());
  }

  private static boolean flag(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException("must be true or false, not '" + value + "'");
    };
  }
}

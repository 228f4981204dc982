package org.licensekit.benchmarks;

import java.util.List;

/**
 * What one chunk of a bulk run writes, pre-computed: per table the binary {@code COPY} of its rows.
 * Writing it is {@link FloorWriter}'s job; nothing in it is decided or hashed at write time.
 *
 * @param number the chunk's number in the run, from 0
 * @param parts the chunk's {@code COPY}s, in the order they are sent
 */
record FloorChunk(int number, List<Part> parts) {

  /** The chunk's claims: the seats its pool update takes. */
  int claims() {
    return rows(FloorTable.CLAIMS);
  }

  /** The chunk's audit entries: how far its chain head moves. */
  int auditEntries() {
    return rows(FloorTable.AUDIT_ENTRIES);
  }

  /** Whether the chunk writes memberships (of new accounts: the store's setting for them applies). */
  boolean writesMemberships() {
    return parts.stream().anyMatch(part -> part.table().equals(FloorTable.MEMBERSHIPS));
  }

  private int rows(FloorTable table) {
    return parts.stream().filter(part -> part.table().equals(table)).mapToInt(Part::rows).sum();
  }

  /**
   * One table's rows of the chunk.
   *
   * @param table the table the rows are shaped for
   * @param copySql the {@code COPY … FROM STDIN (FORMAT binary)} statement (its target may be a
   *     keys-only copy of the table)
   * @param payload the binary {@code COPY} data, header and trailer included
   * @param rows the rows in {@code payload}
   */
  record Part(FloorTable table, String copySql, byte[] payload, int rows) {
  }
}

package org.licensekit.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the output of one {@code COPY (SELECT …, chunk) TO STDOUT (FORMAT binary)} into one
 * binary {@code COPY FROM} payload per chunk: each row goes to the chunk its last field names
 * (an {@code int4}), and that field is left out, so a payload holds exactly the table's columns.
 * The format is PostgreSQL's documented binary copy format: a 19-byte header (signature, flags,
 * an empty extension), then per row a 16-bit field count and each field as a 32-bit length
 * ({@code -1}: null) and its bytes, then {@code -1} as a 16-bit trailer.
 */
final class FloorCopyChunks {

  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

  private FloorCopyChunks() {
  }

  /**
   * The payloads of {@code chunks} chunks numbered {@code 0 … chunks - 1}, each with its rows in
   * the order they came, and the rows in each.
   */
  static Split split(byte[] copyOut, int chunks) {
    ByteBuffer in = ByteBuffer.wrap(copyOut);
    byte[] signature = new byte[SIGNATURE.length];
    in.get(signature);
    if (!java.util.Arrays.equals(signature, SIGNATURE)) {
      throw new IllegalArgumentException("not a binary COPY stream");
    }
    in.getInt(); // flags: no OIDs since PostgreSQL 12
    int extension = in.getInt();
    in.position(in.position() + extension);
    List<ByteArrayOutputStream> out = new ArrayList<>(chunks);
    int[] rows = new int[chunks];
    for (int i = 0; i < chunks; i++) {
      ByteArrayOutputStream chunk = new ByteArrayOutputStream();
      chunk.writeBytes(SIGNATURE);
      chunk.writeBytes(new byte[8]); // flags 0, extension length 0
      out.add(chunk);
    }
    for (short fields = in.getShort(); fields != -1; fields = in.getShort()) {
      int start = in.position();
      for (int field = 0; field < fields - 1; field++) {
        int length = in.getInt();
        in.position(in.position() + Math.max(length, 0));
      }
      int end = in.position();
      if (in.getInt() != 4) {
        throw new IllegalArgumentException("a row's last field must be its chunk as an int4");
      }
      int chunk = in.getInt();
      ByteArrayOutputStream target = out.get(chunk);
      target.write((fields - 1) >> 8);
      target.write(fields - 1);
      target.write(copyOut, start, end - start);
      rows[chunk]++;
    }
    byte[][] payloads = new byte[chunks][];
    for (int i = 0; i < chunks; i++) {
      out.get(i).write(0xff);
      out.get(i).write(0xff);
      payloads[i] = out.get(i).toByteArray();
    }
    return new Split(payloads, rows);
  }

  /** Per chunk, its binary {@code COPY FROM} payload and its rows. */
  record Split(byte[][] payloads, int[] rows) {
  }
}

package org.licensekit.spring.web;

import java.util.List;
import java.util.Map;

/**
 * Writes RFC 9457 problem documents as JSON by hand, so the guard depends on no particular JSON
 * library version. Values are strings, integers, lists and maps of those.
 */
final class ProblemJson {

  /** The media type of a problem document. */
  static final String MEDIA_TYPE = "application/problem+json";

  private ProblemJson() {}

  static String write(Map<String, ?> document) {
    StringBuilder out = new StringBuilder();
    value(out, document);
    return out.toString();
  }

  private static void value(StringBuilder out, Object value) {
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(out, String.valueOf(entry.getKey()));
        out.append(':');
        value(out, entry.getValue());
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        value(out, list.get(i));
      }
      out.append(']');
    } else if (value instanceof Integer || value instanceof Long) {
      out.append(value);
    } else {
      string(out, String.valueOf(value));
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}

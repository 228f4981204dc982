package org.licensekit.jdbc;

import java.util.Random;

/**
 * Random text for the {@code COPY} encoding tests: every character that text {@code COPY} must
 * escape (tab, newline, carriage return, backslash), quotes and braces, Latin-1, a character
 * outside Latin-1 and one outside the Basic Multilingual Plane, whose surrogate pair is never split.
 */
final class CopyTestTexts {

  private static final String ALPHABET = "ab z09{}\":,\\\t\n\r-é€😀";

  private CopyTestTexts() {
  }

  /** Up to 39 characters drawn from the alphabet above and {@code extra}, each a whole code point. */
  static String random(Random random, String extra) {
    String alphabet = ALPHABET + extra;
    int length = random.nextInt(40);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int at = random.nextInt(alphabet.length());
      char ch = alphabet.charAt(at);
      if (Character.isHighSurrogate(ch) && at + 1 < alphabet.length()) {
        text.append(ch).append(alphabet.charAt(at + 1));
      } else if (!Character.isLowSurrogate(ch)) {
        text.append(ch);
      }
    }
    return text.toString();
  }
}

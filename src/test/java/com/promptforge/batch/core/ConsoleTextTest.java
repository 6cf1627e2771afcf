package com.promptforge.batch.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleTextTest {

    @Test
    void lineBreaksEscapeAndOtherControlCharactersAreEscaped() {
        assertThat(ConsoleText.safe("a\nb\rc\td\u001b[2Je\u0000f\u007fg\u009bh"))
                .isEqualTo("a\\nb\\rc\\td\\x1B[2Je\\x00f\\x7Fg\\x9Bh");
    }

    @Test
    void bidiControlsAndUnicodeLineSeparatorsAreEscaped() {
        assertThat(ConsoleText.safe("x\u202ey\u2066z\u2028w\u200f")).isEqualTo("x\\u202Ey\\u2066z\\u2028w\\u200F");
    }

    @Test
    void printableTextIsLeftAsItIsAccentsAndBackslashesIncluded() {
        String text = "Acme GmbH & Co. \u00e9\u00e8 \u65e5\u672c C:\\reports 100%";
        assertThat(ConsoleText.safe(text)).isSameAs(text);
    }
}

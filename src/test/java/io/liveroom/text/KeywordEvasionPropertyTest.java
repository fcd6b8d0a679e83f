package io.liveroom.text;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Label("The chat keyword filter sees through invisible characters, full-width letters and case")
class KeywordEvasionPropertyTest {
  private static final List<String> MASKED = List.of("badword", "darn", "café", "傻瓜", "Straße");
  private static final List<String> REJECTED = List.of("scamlink.example", "crapola");
  private static final KeywordFilter FILTER = KeywordList.parse(List.of(
    "badword", "darn", "café", "傻瓜", "Straße", "!scamlink.example", "!crapola"));
  /** Invisible code points an evader slips between letters: the ones named in the report and more. */
  private static final int[] INVISIBLE = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x202A, 0x202E, 0x2066,
    0x2069, 0x180E, 0x034F, 0xFE0F, 0x061C, 0x115F, 0x3164, 0x1D173, 0xE0041, 0xE0001};
  /** Text around the word, from characters no listed word contains. */
  private static final String SAFE = "0123456789 ,.!?:;-";

  /** One disguised occurrence of a word, with what masking must leave of it. */
  record Evasion(String word, String text, int visibleCodePoints) {
  }

  @Property(tries = 400)
  @Label("Every masked word, however disguised, is masked exactly over its span, the text around it untouched")
  void disguisedMaskWordsAreMasked(@ForAll("maskEvasions") Evasion e, @ForAll("safeText") String before,
                                   @ForAll("safeText") String after) {
    KeywordFilter.Result r = FILTER.apply(before + e.text() + after);
    assertThat(r.rejected()).isFalse();
    assertThat(r.masked()).as("%s disguised as %s", e.word(), escaped(e.text())).isTrue();
    assertThat(r.text()).isEqualTo(before + "*".repeat(e.visibleCodePoints()) + after);
  }

  @Property(tries = 300)
  @Label("Every reject word, however disguised, refuses the message")
  void disguisedRejectWordsAreRejected(@ForAll("rejectEvasions") Evasion e, @ForAll("safeText") String before,
                                       @ForAll("safeText") String after) {
    assertThat(FILTER.apply(before + e.text() + after).rejected()).as("%s disguised as %s", e.word(), escaped(e.text()))
      .isTrue();
  }

  @Property(tries = 200)
  @Label("Text without a listed word passes unchanged, invisible characters and all")
  void cleanTextIsUntouched(@ForAll("safeText") String a, @ForAll("invisible") int cp, @ForAll("safeText") String b) {
    String text = "hello " + a + new String(Character.toChars(cp)) + b + " ｗｏｒｌｄ";
    KeywordFilter.Result r = FILTER.apply(text);
    assertThat(r.masked()).isFalse();
    assertThat(r.rejected()).isFalse();
    assertThat(r.text()).isEqualTo(text);
  }

  @Example
  @Label("The evasions named in the report are caught")
  void reportedEvasions() {
    for (String joiner : List.of("\u200D", "\u200C", "\u2060", "\uFEFF", "\u00AD")) {
      assertThat(FILTER.apply("a bad" + joiner + "word here").text()).isEqualTo("a ******* here");
    }
    assertThat(FILTER.apply("ＢＡＤＷＯＲＤ!").text()).isEqualTo("*******!");
    assertThat(FILTER.apply("visit SCAMLINK\u200D．example").rejected()).isTrue();
  }

  @Provide
  Arbitrary<Evasion> maskEvasions() {
    return evasionsOf(MASKED);
  }

  @Provide
  Arbitrary<Evasion> rejectEvasions() {
    return evasionsOf(REJECTED);
  }

  @Provide
  Arbitrary<String> safeText() {
    return Arbitraries.strings().withChars(SAFE.toCharArray()).ofMaxLength(6);
  }

  @Provide
  Arbitrary<Integer> invisible() {
    return Arbitraries.of(java.util.Arrays.stream(INVISIBLE).boxed().toList());
  }

  /** A word with, per letter, a random case, full-width form and decomposition, and invisibles between letters. */
  private Arbitrary<Evasion> evasionsOf(List<String> words) {
    Arbitrary<String> word = Arbitraries.of(words);
    Arbitrary<List<Integer>> choices = Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofSize(32);
    return Combinators.combine(word, choices).as(KeywordEvasionPropertyTest::disguise);
  }

  private static Evasion disguise(String word, List<Integer> choices) {
    StringBuilder out = new StringBuilder();
    int visible = 0;
    int[] cps = word.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int c = choices.get(i % choices.size()) >>> (i / choices.size());
      int cp = (c & 1) != 0 ? flipCase(cps[i]) : cps[i];
      if ((c & 2) != 0 && cp >= 0x21 && cp <= 0x7E) {
        cp += 0xFEE0; // FULLWIDTH form of printable ASCII
      }
      if ((c & 4) != 0 && (cp == 'é' || cp == 'É')) {
        out.append(cp == 'é' ? 'e' : 'E').append('\u0301'); // decomposed: base letter + combining acute
        visible += 2;
      } else {
        out.appendCodePoint(cp);
        visible++;
      }
      if (i < cps.length - 1) {
        int insert = (c >>> 3) & 3;
        for (int k = 0; k < insert; k++) {
          out.appendCodePoint(INVISIBLE[((c >>> (5 + 4 * k)) & 0x7FFF) % INVISIBLE.length]);
        }
      }
    }
    return new Evasion(word, out.toString(), visible);
  }

  private static int flipCase(int cp) {
    return Character.isUpperCase(cp) ? Character.toLowerCase(cp) : Character.toUpperCase(cp);
  }

  private static String escaped(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(cp -> b.append(cp < 0x7F ? Character.toString(cp) : String.format("\\u{%X}", cp)));
    return b.toString();
  }
}

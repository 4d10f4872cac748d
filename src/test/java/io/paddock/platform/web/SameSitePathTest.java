package io.paddock.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;


/**
 * The return-target rule: the cases of same-site-paths.json (which PluginPagesBrowserIT runs through the
 * pages' copy in a browser), and the pages' copy being this rule.
 */
class SameSitePathTest {

    @Test
    void keepsPathsOfThisSiteAndRefusesWhatABrowserCouldReadAsAnotherOrigin() throws IOException {
        JsonNode cases = cases();
        assertTrue(cases.path("refused").size() > 10);
        for (JsonNode path : cases.path("sameSite")) {
            assertEquals(Optional.of(path.asText()), SameSitePath.of(path.asText()), path.asText());
        }
        for (JsonNode path : cases.path("refused")) {
            assertEquals(Optional.empty(), SameSitePath.of(path.asText()), escaped(path.asText()));
        }
        assertFalse(SameSitePath.of(null).isPresent());
    }

    @Test
    void thePagesApplyTheSameRegularExpression() throws IOException {
        String ui = Files.readString(Path.of("src/main/webapp/js/ui.js"));
        Matcher literal = Pattern.compile("export function sameSitePath\\(path\\) \\{\\s*return .*? /(\\^.*?\\$)/\\.test")
                .matcher(ui);
        assertTrue(literal.find(), "sameSitePath in js/ui.js no longer tests one regular expression literal");
        assertEquals(SameSitePath.RULE, literal.group(1).replace("\\/", "/"));
    }

    private static JsonNode cases() throws IOException {
        try (InputStream in = SameSitePathTest.class.getResourceAsStream("same-site-paths.json")) {
            // A plain reader: the cases include a NUL, which Paddock's own reader refuses as input.
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        }
    }

    private static String escaped(String value) {
        StringBuilder shown = new StringBuilder();
        value.codePoints().forEach(c -> shown.append(c >= 0x20 && c < 0x7f ? Character.toString(c)
                : String.format("\\u%04x", c)));
        return shown.toString();
    }
}

package io.paddock.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The pages hold markup only, as the Content-Security-Policy demands. PagesBrowserIT sees what runs on
 * load; this also catches what would only be refused later, such as an inline handler on a click.
 */
class PagesMarkupTest {

    private static final Path WEBAPP = Path.of("src/main/webapp");
    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>(.*?)</script>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INLINE_HANDLER = Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("<[^>]*\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_ELEMENT = Pattern.compile("<style\\b", Pattern.CASE_INSENSITIVE);

    @Test
    void everyPageLoadsOneModuleFileAndHoldsNoInlineCodeOrStyle() throws IOException {
        List<Path> pages = pages();
        assertFalse(pages.isEmpty());
        List<String> problems = new ArrayList<>();
        for (Path page : pages) {
            String html = Files.readString(page);
            String name = page.getFileName().toString();
            Matcher script = SCRIPT.matcher(html);
            int modules = 0;
            while (script.find()) {
                String attributes = script.group(1);
                if (!script.group(2).isBlank() || !attributes.contains("src=\"/js/")) {
                    problems.add(name + ": inline script");
                } else if (!attributes.contains("type=\"module\"")) {
                    problems.add(name + ": a classic script instead of a module");
                }
                modules++;
            }
            if (modules != 1) {
                problems.add(name + ": " + modules + " scripts instead of one module");
            }
            if (INLINE_HANDLER.matcher(html).find()) {
                problems.add(name + ": inline event handler");
            }
            if (STYLE_ATTRIBUTE.matcher(html).find() || STYLE_ELEMENT.matcher(html).find()) {
                problems.add(name + ": inline style");
            }
            if (html.toLowerCase().contains("javascript:")) {
                problems.add(name + ": javascript: URL");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyModuleAPageLoadsExists() throws IOException {
        Pattern source = Pattern.compile("<script[^>]*src=\"(/js/[^\"]+)\"");
        for (Path page : pages()) {
            Matcher matcher = source.matcher(Files.readString(page));
            while (matcher.find()) {
                Path module = WEBAPP.resolve(matcher.group(1).substring(1));
                assertTrue(Files.isRegularFile(module), page.getFileName() + " loads a missing " + module);
            }
        }
    }

    private static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.list(WEBAPP)) {
            return files.filter(file -> file.toString().endsWith(".html")).sorted().toList();
        }
    }
}

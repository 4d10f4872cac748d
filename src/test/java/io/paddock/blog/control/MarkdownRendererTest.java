package io.paddock.blog.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

    @Test
    void markdownBecomesHtml() {
        String html = MarkdownRenderer.render("# Title\n\nSome **bold** and a [link](https://example.org/x).\n\n"
                + "| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two\n\n```java\nint x;\n```\n");
        assertTrue(html.contains("<h1>Title</h1>"), html);
        assertTrue(html.contains("<strong>bold</strong>"), html);
        assertTrue(html.contains("href=\"https://example.org/x\""), html);
        assertTrue(html.contains("rel=\"noopener noreferrer nofollow\""), html);
        assertTrue(html.contains("<li>one</li>"), html);
        assertTrue(html.contains("<th>a</th>") && html.contains("<td>2</td>"), html);
        assertTrue(html.contains("<code class=\"language-java\">"), html);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "![x](javascript:alert(1))",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<p style=\"color:red\" onclick=\"alert(1)\">x</p>",
            "<svg onload=alert(1)>",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "<object data=\"x\"></object><embed src=\"x\">",
            "<form action=\"/api/auth/logout\"><button>go</button></form>",
            "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>"})
    void nothingThatRunsOrStylesSurvives(String markdown) {
        String html = MarkdownRenderer.render(markdown).toLowerCase(Locale.ROOT);
        for (String banned : new String[] {"<script", "javascript:", "onerror", "onclick", "onload", "<iframe", "style=",
                "<svg", "data:", "<object", "<embed", "<form", "xlink"}) {
            assertFalse(html.contains(banned), banned + " survived in " + html);
        }
    }

    @Test
    void imagesOnlyFromThisSite() {
        assertTrue(MarkdownRenderer.render("![map](/images/map.png)").contains("src=\"/images/map.png\""));
        assertFalse(MarkdownRenderer.render("![tracker](https://tracker.example/p.gif)").contains("src="));
        assertFalse(MarkdownRenderer.render("![tracker](//tracker.example/p.gif)").contains("src="));
    }

    @Test
    void sameSiteLinksStay() {
        assertTrue(MarkdownRenderer.render("[race](/blog/how-a-race-works)").contains("href=\"/blog/how-a-race-works\""));
        assertEquals("<p>plain</p>\n", MarkdownRenderer.render("plain"));
    }
}

package io.paddock.blog.control;

import java.util.List;
import java.util.regex.Pattern;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Markdown to safe HTML: CommonMark renders it, with GitHub's tables (raw HTML in the Markdown passes through),
 * then the OWASP sanitiser keeps only text markup, links to http(s), mailto and same-site paths, and images from this
 * site. No attribute may hold style or script, so the page's Content-Security-Policy has nothing to refuse.
 */
public final class MarkdownRenderer {

    private static final List<Extension> TABLES = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(TABLES).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(TABLES).build();
    private static final Pattern SAME_SITE = Pattern.compile("/(?!/)[^\\\\\\s]*");

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em",
                    "strong", "del", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td")
            .allowUrlProtocols("https", "http", "mailto")
            .allowAttributes("href").matching((element, attribute, value) -> absoluteOrSameSite(value)).onElements("a")
            .allowAttributes("title").onElements("a", "img")
            .allowAttributes("src").matching(SAME_SITE).onElements("img")
            .allowAttributes("alt").onElements("img")
            .allowAttributes("start").matching(Pattern.compile("\\d{1,6}")).onElements("ol")
            .allowAttributes("class").matching(Pattern.compile("language-[A-Za-z0-9_+-]{1,40}")).onElements("code")
            .requireRelsOnLinks("noopener", "noreferrer", "nofollow")
            .toFactory();

    private MarkdownRenderer() {
    }

    /** The article's HTML, safe to put in a page as it is. */
    public static String render(String markdown) {
        return POLICY.sanitize(RENDERER.render(PARSER.parse(markdown)));
    }

    private static String absoluteOrSameSite(String value) {
        String lower = value.strip().toLowerCase(java.util.Locale.ROOT);
        boolean ok = lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("mailto:")
                || lower.startsWith("#") || SAME_SITE.matcher(value).matches();
        return ok ? value : null;
    }
}

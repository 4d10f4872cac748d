package io.paddock.blog.boundary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.paddock.admin.control.FeatureFlags;
import io.paddock.blog.control.Articles;
import io.paddock.blog.control.AtomFeed;
import io.paddock.platform.config.PublicUrl;
import io.paddock.platform.security.Digests;

/** The blog's Atom feed: the latest published articles, with an ETag so feed readers that ask again get a 304. */
@WebServlet("/blog/feed.atom")
@PermitAll // the published articles are public
public class BlogFeedServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int ENTRIES = 20;

    @Inject
    transient Articles articles;

    @Inject
    transient FeatureFlags flags;

    @Inject
    transient PublicUrl publicUrl;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!flags.enabled(FeatureFlags.BLOG)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        byte[] feed = AtomFeed.write(publicUrl.base(), articles.published(ENTRIES)).getBytes(StandardCharsets.UTF_8);
        String etag = "\"" + java.util.HexFormat.of().formatHex(Digests.sha256(feed), 0, 16) + "\"";
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", "public, max-age=300");
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType("application/atom+xml;charset=UTF-8");
        response.setContentLength(feed.length);
        response.getOutputStream().write(feed);
    }
}

package io.paddock.blog.control;

import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/** Renders at startup the articles that migrations shipped as Markdown only (SQL cannot render them). */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
public class BlogStartup {

    private static final Logger LOG = Logger.getLogger(BlogStartup.class.getName());

    @Inject
    Articles articles;

    @PostConstruct
    void renderShippedArticles() {
        int rendered = articles.renderPending();
        if (rendered > 0) {
            LOG.info(() -> "Blog: rendered " + rendered + " article(s) shipped by migrations.");
        }
    }
}

-- The blog: articles written in Markdown, rendered and sanitised once on save (html), so a read is a
-- plain select. A draft is seen by staff only; a published article is public from published_at.
-- html is empty only for articles a migration inserted (SQL cannot render Markdown): the server renders
-- them at startup with the same renderer as an edit.
CREATE TABLE blog_articles (
    id            uuid          PRIMARY KEY,
    slug          varchar(80)   NOT NULL UNIQUE,
    title         varchar(200)  NOT NULL,
    summary       varchar(500)  NOT NULL,
    markdown      text          NOT NULL,
    html          text,
    published     boolean       NOT NULL,
    author_id     uuid,
    author_name   varchar(100)  NOT NULL,
    created_at    timestamptz   NOT NULL,
    updated_at    timestamptz   NOT NULL,
    published_at  timestamptz,
    version       bigint        NOT NULL DEFAULT 0
);
CREATE INDEX blog_articles_published ON blog_articles (published_at DESC) WHERE published;

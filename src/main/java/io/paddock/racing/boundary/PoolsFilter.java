package io.paddock.racing.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import io.paddock.platform.web.PreparedJson;
import io.paddock.platform.web.PreparedJsonFilter;

/** {@code GET /api/pools} from {@link PoolCountsSnapshot}'s bytes before JAX-RS: {@link PoolsResource#pools}'s answer. */
public class PoolsFilter extends PreparedJsonFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient PoolCountsSnapshot snapshot;

    @Override
    protected PreparedJson prepared(HttpServletRequest request) {
        return snapshot.counts();
    }

    @Override
    protected String cacheControl() {
        return PreparedJson.REVALIDATE;
    }
}

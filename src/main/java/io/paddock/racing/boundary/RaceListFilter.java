package io.paddock.racing.boundary;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import io.paddock.platform.web.PreparedJson;
import io.paddock.platform.web.PreparedJsonFilter;
import io.paddock.racing.entity.RaceStatus;

/**
 * {@code GET /api/races} from the list's snapshot bytes ({@link RaceListSnapshots}) before JAX-RS: the
 * home page's polling readers are the busiest read of the API. The answer is {@link RacesResource#list}'s,
 * byte for byte (body, {@code ETag}, {@code Cache-Control}, 304 on the tag); an unknown status goes on to
 * that method, which refuses it.
 */
public class RaceListFilter extends PreparedJsonFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient RaceListSnapshots snapshots;

    @Override
    protected PreparedJson prepared(HttpServletRequest request) {
        List<RaceStatus> statuses = RacesResource.statuses(request.getParameter("status"));
        return statuses == null ? null : snapshots.list(statuses);
    }

    @Override
    protected String cacheControl() {
        return PreparedJson.REVALIDATE;
    }
}

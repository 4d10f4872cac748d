package io.paddock.transfers.control;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.paddock.admin.control.SearchHit;
import io.paddock.admin.control.SearchSource;
import io.paddock.transfers.entity.TransferJob;

/** Staff search: transfer jobs by a part of their name or the start of their infohash, newest first. */
@ApplicationScoped
public class JobSearch implements SearchSource {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{3,40}");

    @PersistenceContext
    EntityManager em;

    @Override
    public String type() {
        return "job";
    }

    @Override
    public List<SearchHit> search(String needle, int limit) {
        // An infohash is matched from its start only (what staff paste is a prefix or the whole hash).
        String hashPrefix = HEX.matcher(needle).matches() ? needle + "%" : "-";
        return em.createQuery("SELECT j FROM TransferJob j WHERE LOWER(j.name) LIKE :q ESCAPE '\\' "
                        + "OR j.infoHash LIKE :hash ORDER BY j.createdAt DESC, j.id", TransferJob.class)
                .setParameter("q", "%" + needle + "%").setParameter("hash", hashPrefix).setMaxResults(limit)
                .getResultStream()
                .map(j -> new SearchHit(type(), j.id().toString(), j.name(),
                        j.state().wire() + " · " + j.infoHash() + " · " + j.createdAt()))
                .toList();
    }
}

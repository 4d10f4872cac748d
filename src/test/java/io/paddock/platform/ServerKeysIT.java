package io.paddock.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.paddock.platform.security.ServerKeys;
import io.paddock.testing.Deployments;
import io.paddock.testing.PaddockIT;

/**
 * In-container: the server's generated keys live in one table. A key is generated once and then read
 * back, also when several callers race to generate it; a configured key wins and is never stored; the
 * racing and telemetry modules keep theirs there.
 */
@PaddockIT
class ServerKeysIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.paddockWithHarness();
    }

    @Inject
    ServerKeys keys;

    @Resource
    ManagedExecutorService executor;

    @Test
    void modulesKeepTheirGeneratedKeysInTheOneTable() {
        // Racing and telemetry start with no configured key in the tests, so both generated theirs.
        assertEquals(32, Base64.getDecoder().decode(keys.value("racing.token-key").orElseThrow()).length);
        assertEquals(32, Base64.getDecoder().decode(keys.value("telemetry.secret-box").orElseThrow()).length);
        assertTrue(keys.value("racing.token-key-id").isPresent(), "the fingerprint of the derivation key");
    }

    @Test
    void aKeyIsGeneratedOnceThenReadBack() {
        byte[] first = keys.key("test.once", "paddock.test.once", Optional.empty());
        byte[] again = keys.key("test.once", "paddock.test.once", Optional.of(" "));
        assertEquals(32, first.length);
        assertArrayEquals(first, again);
        assertEquals(Base64.getEncoder().encodeToString(first), keys.value("test.once").orElseThrow());
    }

    @Test
    void aConfiguredKeyWinsAndIsNotStored() {
        byte[] configured = new byte[32];
        configured[0] = 7;
        byte[] key = keys.key("test.configured", "paddock.test.configured",
                Optional.of(Base64.getEncoder().encodeToString(configured)));
        assertArrayEquals(configured, key);
        assertFalse(keys.value("test.configured").isPresent());
    }

    @Test
    void racingStartersAllGetTheSameKey() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<byte[]>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(executor.submit(() -> {
                go.await();
                return keys.key("test.race", "paddock.test.race", Optional.empty());
            }));
        }
        go.countDown();
        List<byte[]> used = new ArrayList<>();
        for (Future<byte[]> result : results) {
            used.add(result.get());
        }
        byte[] stored = Base64.getDecoder().decode(keys.value("test.race").orElseThrow());
        assertEquals(32, stored.length);
        for (byte[] key : used) {
            assertArrayEquals(stored, key, "every starter uses the key that was stored");
        }
    }

    @Test
    void putReplacesAndPutIfAbsentDoesNot() {
        assertTrue(keys.putIfAbsent("test.value", "a"));
        assertFalse(keys.putIfAbsent("test.value", "b"));
        assertEquals("a", keys.value("test.value").orElseThrow());
        keys.put("test.value", "c");
        assertEquals("c", keys.value("test.value").orElseThrow());
    }
}

package io.paddock.platform.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The hub driven without a server: fake sessions, flushes called by hand, a hand-moved clock. */
class ChannelHubTest {

    static final String ROOM = "room:1";

    final ChannelHub hub = new ChannelHub();
    final Broadcasts broadcasts = new LocalBroadcasts(hub);

    static List<String> numbers(int from, int to) {
        List<String> all = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            all.add("m" + i);
        }
        return all;
    }

    @Test
    void aSlowSessionIsEvictedWhileTheOthersOnTheChannelReceiveEveryMessage() {
        int maxInFlight = 4;
        FakeSession slowRaw = FakeSession.rawStalled("slow-raw");
        FakeSession slowText = FakeSession.stalled("slow-text");
        FakeSession fastRaw = FakeSession.raw("fast-raw");
        FakeSession fastText = FakeSession.answering("fast-text");
        for (FakeSession s : List.of(slowRaw, slowText, fastRaw, fastText)) {
            hub.subscribe(ROOM, hub.connect(s.session, maxInFlight));
        }

        int messages = 60;
        for (int i = 1; i <= messages; i++) {
            broadcasts.publish(ROOM, Message.of("m" + i));
            hub.flush();
        }

        assertEquals(numbers(1, messages), fastRaw.sent(), "every message, in order");
        assertEquals(numbers(1, messages), fastText.sent(), "every message, in order");
        assertNull(fastRaw.closed);
        assertNull(fastText.closed);
        for (FakeSession slow : List.of(slowRaw, slowText)) {
            assertEquals(1008, slow.closeCode(), slow.id);
            assertEquals("too slow", slow.closed.getReasonPhrase());
            assertEquals(numbers(1, maxInFlight), slow.sent(), "no more than max-sends-in-flight are ever pending");
        }
        assertEquals(2, hub.metrics.evicted.getCount());
        assertEquals(2L * (maxInFlight * 4 + 1), hub.metrics.dropped.getCount(), "skipped until closed, then nothing");
        assertEquals(2L * messages + 2L * maxInFlight, hub.metrics.framesSent.getCount());
    }

    @Test
    void keyedMessagesCoalesceWithinATickAndTheLatestWins() {
        FakeSession s = FakeSession.raw("s");
        hub.subscribe(ROOM, hub.connect(s.session));

        broadcasts.publish(ROOM, "count", Message.of("count 1"));
        broadcasts.publish(ROOM, Message.of("event a"));
        broadcasts.publish(ROOM, "count", Message.of("count 2"));
        broadcasts.publish(ROOM, "other", Message.of("other 1"));
        hub.flush();
        assertEquals(List.of("event a", "count 2", "other 1"), s.sent(),
                "one count, the latest, where it was last published");

        broadcasts.publish(ROOM, "count", Message.of("count 3"));
        hub.flush();
        hub.flush();
        assertEquals("count 3", s.sent().get(3), "a new tick delivers the key again");
        assertEquals(4, s.sent().size());
    }

    @Test
    void eachSessionReceivesAChannelsMessagesInPublishOrderEvenWhenTheChannelIsSplitOverThreads() {
        hub.sendThreads = 3;
        hub.start();
        try {
            List<FakeSession> sessions = new ArrayList<>();
            for (int i = 0; i < 3 * SendPath.FAN_OUT_CHUNK; i++) {
                FakeSession s = i % 2 == 0 ? FakeSession.raw("s" + i) : FakeSession.answering("s" + i);
                sessions.add(s);
                hub.subscribe(ROOM, hub.connect(s.session, 1_000));
            }
            FakeSession elsewhere = FakeSession.raw("elsewhere");
            hub.subscribe("room:2", hub.connect(elsewhere.session));
            for (int i = 1; i <= 100; i++) {
                broadcasts.publish(ROOM, Message.of("m" + i));
                if (i % 7 == 0) {
                    hub.flush();
                }
            }
            hub.flush();
            for (FakeSession s : sessions) {
                assertEquals(numbers(1, 100), s.sent(), s.id);
            }
            assertEquals(List.of(), elsewhere.sent(), "another channel's subscribers get none of it");
        } finally {
            hub.stop();
        }
    }

    @Test
    void eachAudienceVariantIsEncodedOnceAndReachesItsAudience() {
        FakeSession org1 = FakeSession.raw("org1");
        FakeSession org2 = FakeSession.raw("org2");
        FakeSession pub1 = FakeSession.raw("pub1");
        FakeSession pub2 = FakeSession.raw("pub2");
        FakeSession unknownTag = FakeSession.raw("other");
        for (FakeSession s : List.of(org1, org2, pub1, pub2, unknownTag)) {
            Subscriber subscriber = hub.connect(s.session);
            if (s.id.startsWith("org")) {
                subscriber.audience("organizers");
            } else if (s == unknownTag) {
                subscriber.audience("insiders");
            }
            hub.subscribe(ROOM, subscriber);
            hub.subscribe("room:copy", subscriber);
        }
        Message message = Message.of("{\"name\":null}").withVariant("organizers", "{\"name\":\"Zoë\"}");
        broadcasts.publish(ROOM, message);
        broadcasts.publish("room:copy", message);
        hub.flush();

        assertEquals(List.of("{\"name\":\"Zoë\"}", "{\"name\":\"Zoë\"}"), org1.sent());
        assertEquals(List.of("{\"name\":null}", "{\"name\":null}"), pub1.sent());
        assertEquals(List.of("{\"name\":null}", "{\"name\":null}"), unknownTag.sent(), "an unknown tag gets the default");
        byte[] organizers = org1.frames().get(0);
        byte[] everybody = pub1.frames().get(0);
        assertNotSame(organizers, everybody);
        for (FakeSession s : List.of(org1, org2)) {
            s.frames().forEach(f -> assertSame(organizers, f, "one organizers' frame for every organizer and channel"));
        }
        for (FakeSession s : List.of(pub1, pub2, unknownTag)) {
            s.frames().forEach(f -> assertSame(everybody, f, "one default frame for everyone else"));
        }
        assertEquals("{\"name\":\"Zoë\"}", FakeSession.decode(organizers));
        assertEquals(2 + "{\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8).length, organizers.length);
    }

    @Test
    void aSessionThatAnswersPingsStaysWhileASilentOneIsClosedAfterTwoAndAHalfIntervals() {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        hub.nanos = clock::get;
        FakeSession answering = FakeSession.answering("answering");
        FakeSession silent = FakeSession.answering("silent");
        FakeSession notKeptAlive = FakeSession.answering("not kept alive");
        Subscriber answeringSubscriber = hub.connect(answering.session);
        Duration interval = Duration.ofSeconds(30);
        Message ping = Message.of("{\"type\":\"ping\"}");
        hub.keepAlive(answeringSubscriber, ping, interval);
        hub.keepAlive(hub.connect(silent.session), ping, interval);
        hub.connect(notKeptAlive.session);
        answering.listener = text -> hub.pong(answeringSubscriber);

        List<Integer> silentClosedAt = new ArrayList<>();
        for (int step = 1; step <= 10; step++) {
            clock.addAndGet(interval.toNanos());
            hub.keepAlive();
            hub.keepAlive();
            if (silent.closed != null && silentClosedAt.isEmpty()) {
                silentClosedAt.add(step);
            }
        }

        assertEquals(10, answering.sentOfType("ping"), "one ping per interval, however often the sweep runs");
        assertNull(answering.closed, "answering keeps the session open");
        // Last answer at t=0: still within 75 s at t=30 and t=60, closed at t=90.
        assertEquals(List.of(3), silentClosedAt);
        assertEquals(2, silent.sentOfType("ping"));
        assertEquals(1001, silent.closeCode());
        assertEquals("no pong", silent.closed.getReasonPhrase());
        assertEquals(List.of(), notKeptAlive.sent());
        assertNull(notKeptAlive.closed);
    }

    @Test
    void aChannelLivesWhileItHasSubscribersAndNothingIsQueuedForAnEmptyOne() {
        FakeSession s = FakeSession.raw("s");
        Subscriber subscriber = hub.connect(s.session);
        hub.subscribe(ROOM, subscriber);
        hub.subscribe("room:2", subscriber);
        assertEquals(1, hub.subscribers(ROOM));
        hub.disconnect(subscriber);
        assertEquals(0, hub.subscribers(ROOM));
        assertEquals(0, hub.subscribers("room:2"));
        broadcasts.publish(ROOM, Message.of("nobody listens"));
        hub.flush();
        hub.subscribe(ROOM, hub.connect(s.session));
        hub.flush();
        assertEquals(List.of(), s.sent(), "a message published to an empty channel is not kept for later subscribers");
        assertTrue(s.closed == null);
    }

    @Test
    void textFramesUseTheRfc6455LengthForms() {
        for (int n : new int[] {0, 125, 126, 65_535, 65_536, 70_000}) {
            byte[] frame = SendPath.textFrame("x".repeat(n));
            assertEquals((byte) 0x81, frame[0], "final text frame");
            int header;
            long length;
            if (n <= 125) {
                header = 2;
                length = frame[1];
            } else if (n <= 65_535) {
                header = 4;
                assertEquals(126, frame[1]);
                length = ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF);
            } else {
                header = 10;
                assertEquals(127, frame[1]);
                length = 0;
                for (int i = 2; i < 10; i++) {
                    length = (length << 8) | (frame[i] & 0xFF);
                }
            }
            assertEquals(n, length, "length of " + n);
            assertEquals(header + n, frame.length);
        }
        byte[] utf8 = SendPath.textFrame("Zoë");
        assertEquals(4, utf8[1], "the length counts UTF-8 bytes");
        assertEquals("Zoë", new String(utf8, 2, 4, StandardCharsets.UTF_8));
    }
}

package io.paddock.platform.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;

/**
 * This node's place in a cluster of Paddock nodes, on Payara Micro's own Hazelcast data grid.
 * Clustering is on when {@code paddock.cluster.members} is set (server-config/micro then starts the
 * grid with TCP/IP discovery of those members); otherwise {@link #enabled()} is false, the grid is
 * never touched and every caller keeps its one-node path.
 *
 * <p>What travels between nodes is plain {@link Serializable} values of the JDK and of Paddock, sent as
 * bytes and read back with the application's class loader and a filter that refuses any other class
 * (the grid's own serializer would look classes up in the server's loader, which does not see the
 * WAR). The grid's members are trusted peers: its port belongs on a private network.
 */
@ApplicationScoped
public class Cluster {

    private static final Logger LOG = Logger.getLogger(Cluster.class.getName());
    /** Where Payara publishes its data grid's instance. */
    static final String HAZELCAST_JNDI = "payara/Hazelcast";
    private static final ObjectInputFilter ONLY_OURS = ObjectInputFilter.Config
            .createFilter("maxdepth=64;java.base/*;io.paddock.**;!*");

    @Inject
    @ConfigProperty(name = "paddock.cluster.members")
    Optional<String> members;

    @Inject
    @ConfigProperty(name = "paddock.node")
    Optional<String> nodeName;

    @Resource
    ManagedThreadFactory threads;

    private volatile HazelcastInstance grid;
    private volatile ExecutorService publisher;
    private String nodeId;
    private final List<Runnable> unsubscribes = new ArrayList<>();

    /** Whether this node is one of several (clustering configured). */
    public boolean enabled() {
        return members.map(String::strip).filter(m -> !m.isEmpty()).isPresent();
    }

    /** This node's name (configured, else "node"), for logs and the lease table. */
    public String nodeName() {
        return nodeName.map(String::strip).filter(n -> !n.isEmpty()).orElse("node");
    }

    /**
     * This node's identity in the cluster for as long as it runs: its grid member's id (a restarted
     * node is a new member). Alone, a fixed "local".
     */
    public synchronized String nodeId() {
        if (nodeId == null) {
            nodeId = enabled() ? grid().getCluster().getLocalMember().getUuid().toString() : "local";
        }
        return nodeId;
    }

    /** The data grid; only when {@link #enabled()}. */
    HazelcastInstance grid() {
        HazelcastInstance g = grid;
        if (g == null) {
            synchronized (this) {
                if (grid == null) {
                    grid = lookUp();
                }
                g = grid;
            }
        }
        return g;
    }

    private HazelcastInstance lookUp() {
        if (!enabled()) {
            throw new IllegalStateException("Clustering is off (paddock.cluster.members is not set).");
        }
        try {
            Object found = new InitialContext().lookup(HAZELCAST_JNDI);
            if (found instanceof HazelcastInstance instance) {
                return instance;
            }
            throw new IllegalStateException(HAZELCAST_JNDI + " is " + found + ", not a Hazelcast instance");
        } catch (NamingException e) {
            throw new IllegalStateException("paddock.cluster.members is set but Payara Micro's data grid is not"
                    + " running (" + HAZELCAST_JNDI + " not found): start it through server-config/micro with"
                    + " PADDOCK_CLUSTER_MEMBERS set, not with --nocluster.", e);
        }
    }

    /**
     * Sends {@code message} to every node's subscribers of {@code topic}, this node's included. The
     * message is encoded here and handed to the grid by this node's one publishing thread, in the order
     * of the calls: the caller never waits for the grid (a socket's thread, the rooms' tick).
     */
    public void publish(String topic, Serializable message) {
        byte[] bytes = encode(message);
        publisher().execute(() -> {
            try {
                grid().<byte[]>getTopic(topic).publish(bytes);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A cluster message on " + topic + " could not be published", e);
            }
        });
    }

    private ExecutorService publisher() {
        ExecutorService p = publisher;
        if (p == null) {
            synchronized (this) {
                if (publisher == null) {
                    publisher = Executors.newSingleThreadExecutor(threads == null ? Executors.defaultThreadFactory()
                            : threads);
                }
                p = publisher;
            }
        }
        return p;
    }

    /**
     * Calls {@code listener} with each message published on {@code topic} by any node, in the order
     * each node published them (on the grid's event thread: hand long work elsewhere).
     */
    public void subscribe(String topic, Consumer<Object> listener) {
        ITopic<byte[]> t = grid().getTopic(topic);
        UUID registration = t.addMessageListener(m -> {
            try {
                listener.accept(decode(m.getMessageObject()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A cluster message on " + topic + " could not be handled", e);
            }
        });
        synchronized (unsubscribes) {
            unsubscribes.add(() -> t.removeMessageListener(registration));
        }
    }

    /**
     * Calls {@code joined} with the {@link #nodeId()} of every node that joins, and {@code left} with
     * that of every node that leaves or is lost (on the grid's event thread).
     */
    public void onMembers(Consumer<String> joined, Consumer<String> left) {
        UUID registration = grid().getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                LOG.info(() -> "Cluster: node " + event.getMember() + " joined (" + event.getMembers().size()
                        + " nodes).");
                joined.accept(event.getMember().getUuid().toString());
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                LOG.warning(() -> "Cluster: node " + event.getMember() + " left (" + event.getMembers().size()
                        + " nodes).");
                left.accept(event.getMember().getUuid().toString());
            }
        });
        synchronized (unsubscribes) {
            unsubscribes.add(() -> grid().getCluster().removeMembershipListener(registration));
        }
    }

    /** A map of the data grid (one backup on another node), for values of the JDK. */
    public <K, V> IMap<K, V> map(String name) {
        return grid().getMap(name);
    }

    /** How many nodes the cluster has now (1 alone). */
    public int size() {
        return enabled() ? grid().getCluster().getMembers().size() : 1;
    }

    @PreDestroy
    void leave() {
        synchronized (this) {
            if (publisher != null) {
                publisher.shutdown();
            }
        }
        synchronized (unsubscribes) {
            for (Runnable unsubscribe : unsubscribes) {
                try {
                    unsubscribe.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "Cluster listener already gone", e);
                }
            }
            unsubscribes.clear();
        }
    }

    static byte[] encode(Serializable message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(message);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode a cluster message " + message.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }

    static Object decode(byte[] bytes) {
        try (ObjectInputStream in = new OurObjects(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot read a cluster message", e);
        }
    }

    /** Reads Paddock's classes with the application's loader, and nothing outside the JDK and Paddock. */
    private static final class OurObjects extends ObjectInputStream {
        OurObjects(InputStream in) throws IOException {
            super(in);
            setObjectInputFilter(ONLY_OURS);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, Cluster.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc); // primitive types
            }
        }
    }
}

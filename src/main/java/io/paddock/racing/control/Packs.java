package io.paddock.racing.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import io.paddock.identity.control.CallerResolver;
import io.paddock.platform.config.PublicUrl;
import io.paddock.platform.errors.ResourceNotFoundException;
import io.paddock.platform.errors.ServiceUnavailableException;
import io.paddock.racing.entity.Participant;
import io.paddock.racing.entity.Race;
import io.paddock.racing.entity.RaceConflict;
import io.paddock.racing.entity.RaceStatus;

/**
 * Personal packs: the seed's files plus {@code speedfog_race.toml} (and the mod DLL when configured),
 * zipped while streaming to the client, never stored. Entry names come only from relative paths inside
 * the seed (no symlinks, no {@code ..}, no absolute names), so a pack cannot reach outside its seed.
 * Every entry is listed and checked before the answer starts: a pack that cannot be completed is
 * refused with a problem instead of a download that breaks off.
 */
@Stateless
public class Packs {

    private static final TomlMapper TOML = new TomlMapper();

    @PersistenceContext
    EntityManager em;

    @Inject
    SeedPool pool;

    @Inject
    RaceTokens tokens;

    @Inject
    CallerResolver callers;

    @Inject
    SeedTorrents seedTorrents;

    @Inject
    PublicUrl publicUrl;

    @Inject
    @ConfigProperty(name = "paddock.racing.websocket-url")
    Optional<String> websocketUrl;

    @Inject
    @ConfigProperty(name = "paddock.racing.mod-dll")
    Optional<String> modDll;

    /** The pack's own files: a seed's files of the same names are left out (the pack's own win). */
    static final String TOML_NAME = "speedfog_race.toml";
    static final String DLL_NAME = "speedfog_race.dll";

    /**
     * Everything needed to write one pack, resolved and checked inside the transaction: the seed's
     * entries in order, each with its name inside the pack folder.
     */
    public record Pack(String fileName, String folder, Path seed, String toml, Optional<Path> dll, List<Entry> entries) {
    }

    /** One file of the seed: its name in the pack (under the folder) and its name in the seed's folder or zip. */
    public record Entry(String name, String source) {
    }

    public String serverUrl() {
        return websocketUrl.filter(u -> !u.isBlank())
                .orElseGet(publicUrl::websocketBase);
    }

    /**
     * The pack of the participant holding this token; 404 for an unknown or revoked (removed) token, 403
     * {@code account-suspended} while the participant's account is suspended.
     */
    public Pack prepare(UUID raceId, String modToken) {
        Participant participant = holder(raceId, modToken);
        Race race = participant.race();
        Path seed = seedFiles(race);
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("url", serverUrl());
        // The current token, also when the pack was fetched with a pre-V7 one (both work until regenerated).
        server.put("mod_token", tokens.modToken(participant.id(), participant.tokenGeneration()));
        server.put("race_id", race.id().toString());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("server", server);
        config.put("overlay", new LinkedHashMap<>(Map.of("enabled", true, "font_size", 16)));
        config.put("keybindings", new LinkedHashMap<>(Map.of("toggle_ui", "f9")));
        // Optional: the seed's files as a torrent this server seeds (absent when it offers none).
        seedTorrents.offer(race).ifPresent(offer -> config.put("torrent",
                new LinkedHashMap<>(Map.of("magnet", offer.magnet()))));
        String toml;
        try {
            toml = TOML.writeValueAsString(config);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write speedfog_race.toml", e);
        }
        String folder = "speedfog_" + race.seed().seedNumber();
        return pack(folder + "_" + participant.twitchUsername().replaceAll("[^A-Za-z0-9_-]", "_") + ".zip", folder,
                seed, toml, modDll.filter(d -> !d.isBlank()).map(Path::of));
    }

    /** A race seed's .torrent as a download: its name and bytes. */
    public record TorrentFile(String fileName, byte[] metainfo) {
    }

    /**
     * The .torrent of the seed of the race whose pack this token opens: whoever may download the pack may
     * fetch it, with the same refusals (unknown or revoked token, suspended account, packs not released,
     * race over, seed files gone).
     */
    public TorrentFile torrent(UUID raceId, String modToken) {
        Race race = holder(raceId, modToken).race();
        seedFiles(race);
        io.paddock.racing.entity.SeedTorrent torrent = seedTorrents.require(race);
        return new TorrentFile(torrent.name() + ".torrent", torrent.metainfo());
    }

    /**
     * The participant holding this token, while its pack may be handed out; 404 for an unknown or revoked
     * (removed) token, 403 {@code account-suspended} while the participant's account is suspended, 409
     * before the packs are released and once the race is over.
     */
    private Participant holder(UUID raceId, String modToken) {
        Participant participant = tokens.participant(modToken)
                .filter(p -> p.race().id().equals(raceId))
                .orElseThrow(() -> new ResourceNotFoundException("pack-not-found", "Pack not found",
                        "No pack for this race and token."));
        callers.requireActive(participant.user().id()); // a mod token is a credential of its participant
        Race race = participant.race();
        if (race.packsReleasedAt() == null) {
            throw new RaceConflict("packs-not-released", "Packs not released",
                    "The organizer has not generated the packs yet.");
        }
        if (race.status().over()) {
            throw new RaceConflict("race-state", "Race over", "The race is " + race.status().wire() + ".");
        }
        return participant;
    }

    /** The race's seed folder or zip in the pool; 404 {@code seed-files-missing} when it is gone. */
    private Path seedFiles(Race race) {
        Path root = pool.root().orElseThrow(() -> new ResourceNotFoundException("seed-files-missing",
                "Seed files missing", "The seed pool is not configured."));
        Path seed = root.resolve(race.seed().location()).normalize();
        if (!seed.startsWith(root.normalize()) || !Files.exists(seed, LinkOption.NOFOLLOW_LINKS)) {
            throw new ResourceNotFoundException("seed-files-missing", "Seed files missing",
                    "The files of this race's seed are no longer in the pool.");
        }
        return seed;
    }

    /**
     * A pack of this seed, its entries listed and checked now; 503 {@code pack-unavailable} when the
     * seed's files or the configured DLL cannot be read, so nothing is sent of a pack that would break off.
     */
    public static Pack pack(String fileName, String folder, Path seed, String toml, Optional<Path> dll) {
        if (dll.isPresent() && !(Files.isRegularFile(dll.get()) && Files.isReadable(dll.get()))) {
            throw unavailable("The mod DLL configured for packs cannot be read.");
        }
        return new Pack(fileName, folder, seed, toml, dll, entries(seed, dll.isPresent()));
    }

    /**
     * The seed's files as pack entries, the same for a folder and a zip: names relative to the seed's
     * root (a zip's top folder, {@code seed_105/}, is not part of them), the pack's own files left out,
     * a name that occurs twice kept once. Refuses a seed whose files cannot all be read.
     */
    static List<Entry> entries(Path seed, boolean withDll) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (Files.isDirectory(seed, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.walkFileTree(seed, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() && !attrs.isSymbolicLink()) {
                            String source = seed.relativize(file).toString().replace('\\', '/');
                            String name = safeName(source);
                            if (name != null && !own(name, withDll)) {
                                if (!Files.isReadable(file)) {
                                    throw unavailable("A file of this race's seed cannot be read.");
                                }
                                entries.putIfAbsent(name, new Entry(name, source));
                            }
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw unavailable("The files of this race's seed cannot be read.");
            }
        } else {
            try (ZipFile zip = new ZipFile(seed.toFile())) {
                String root = SeedPool.zipRoot(zip);
                for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                    String source = entry.getName();
                    if (entry.isDirectory() || !source.startsWith(root)) {
                        continue;
                    }
                    String name = safeName(source.substring(root.length()));
                    if (name != null && !own(name, withDll)) {
                        entries.putIfAbsent(name, new Entry(name, source));
                    }
                }
            } catch (IOException e) {
                throw unavailable("The zip of this race's seed cannot be read.");
            }
        }
        return new ArrayList<>(entries.values());
    }

    private static boolean own(String name, boolean withDll) {
        return name.equals(TOML_NAME) || withDll && name.equals(DLL_NAME);
    }

    private static ServiceUnavailableException unavailable(String detail) {
        return new ServiceUnavailableException("pack-unavailable", detail + " The pack cannot be built until an "
                + "operator fixes it.", 300);
    }

    /** Streams the zip of the entries {@link #prepare} listed; runs outside any transaction, after the headers. */
    public static void write(Pack pack, OutputStream target) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(target);
        String prefix = pack.folder() + "/";
        if (Files.isDirectory(pack.seed(), LinkOption.NOFOLLOW_LINKS)) {
            for (Entry entry : pack.entries()) {
                zip.putNextEntry(new ZipEntry(prefix + entry.name()));
                Files.copy(pack.seed().resolve(entry.source()), zip);
                zip.closeEntry();
            }
        } else if (!pack.entries().isEmpty()) {
            try (ZipFile source = new ZipFile(pack.seed().toFile())) {
                for (Entry entry : pack.entries()) {
                    ZipEntry from = source.getEntry(entry.source());
                    if (from == null) {
                        throw new IOException("The seed zip changed while its pack was written.");
                    }
                    zip.putNextEntry(new ZipEntry(prefix + entry.name()));
                    try (InputStream in = source.getInputStream(from)) {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                }
            }
        }
        zip.putNextEntry(new ZipEntry(prefix + TOML_NAME));
        zip.write(pack.toml().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        zip.closeEntry();
        if (pack.dll().isPresent()) {
            zip.putNextEntry(new ZipEntry(prefix + DLL_NAME));
            Files.copy(pack.dll().get(), zip);
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    /** A relative, normalised entry name, or null for anything that could escape the pack folder. */
    static String safeName(String name) {
        if (name == null || name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains(":")
                || name.indexOf('\0') >= 0) {
            return null;
        }
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals("..") || part.equals(".")) {
                return null;
            }
        }
        return name;
    }
}

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
import java.util.LinkedHashMap;
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

import io.paddock.platform.config.PublicUrl;
import io.paddock.platform.errors.ResourceNotFoundException;
import io.paddock.racing.entity.Participant;
import io.paddock.racing.entity.Race;
import io.paddock.racing.entity.RaceConflict;
import io.paddock.racing.entity.RaceStatus;

/**
 * Personal packs: the seed's files plus {@code speedfog_race.toml} (and the mod DLL when configured),
 * zipped while streaming to the client, never stored. Entry names come only from relative paths inside
 * the seed (no symlinks, no {@code ..}, no absolute names), so a pack cannot reach outside its seed.
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
    PublicUrl publicUrl;

    @Inject
    @ConfigProperty(name = "paddock.racing.websocket-url")
    Optional<String> websocketUrl;

    @Inject
    @ConfigProperty(name = "paddock.racing.mod-dll")
    Optional<String> modDll;

    /** Everything needed to write one pack, resolved inside the transaction. */
    public record Pack(String fileName, String folder, Path seed, String toml, Optional<Path> dll) {
    }

    public String serverUrl() {
        return websocketUrl.filter(u -> !u.isBlank())
                .orElseGet(publicUrl::websocketBase);
    }

    /** The pack of the participant holding this token; 404 for an unknown or revoked (removed) token. */
    public Pack prepare(UUID raceId, String modToken) {
        Participant participant = tokens.participant(modToken)
                .filter(p -> p.race().id().equals(raceId))
                .orElseThrow(() -> new ResourceNotFoundException("pack-not-found", "Pack not found",
                        "No pack for this race and token."));
        Race race = participant.race();
        if (race.packsReleasedAt() == null) {
            throw new RaceConflict("packs-not-released", "Packs not released",
                    "The organizer has not generated the packs yet.");
        }
        if (race.status() == RaceStatus.FINISHED) {
            throw new RaceConflict("race-state", "Race finished", "The race is finished.");
        }
        Path root = pool.root().orElseThrow(() -> new ResourceNotFoundException("seed-files-missing",
                "Seed files missing", "The seed pool is not configured."));
        Path seed = root.resolve(race.seed().location()).normalize();
        if (!seed.startsWith(root.normalize()) || !Files.exists(seed, LinkOption.NOFOLLOW_LINKS)) {
            throw new ResourceNotFoundException("seed-files-missing", "Seed files missing",
                    "The files of this race's seed are no longer in the pool.");
        }
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("url", serverUrl());
        // The current token, also when the pack was fetched with a pre-V7 one (both work until regenerated).
        server.put("mod_token", tokens.modToken(participant.id(), participant.tokenGeneration()));
        server.put("race_id", race.id().toString());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("server", server);
        config.put("overlay", new LinkedHashMap<>(Map.of("enabled", true, "font_size", 16)));
        config.put("keybindings", new LinkedHashMap<>(Map.of("toggle_ui", "f9")));
        String toml;
        try {
            toml = TOML.writeValueAsString(config);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write speedfog_race.toml", e);
        }
        String folder = "speedfog_" + race.seed().seedNumber();
        Optional<Path> dll = modDll.filter(d -> !d.isBlank()).map(Path::of).filter(Files::isRegularFile);
        return new Pack(folder + "_" + participant.twitchUsername().replaceAll("[^A-Za-z0-9_-]", "_") + ".zip",
                folder, seed, toml, dll);
    }

    /** Streams the zip; runs outside any transaction, after the response headers are sent. */
    public static void write(Pack pack, OutputStream target) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(target);
        String prefix = pack.folder() + "/";
        if (Files.isDirectory(pack.seed(), LinkOption.NOFOLLOW_LINKS)) {
            Path base = pack.seed();
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile() && !attrs.isSymbolicLink()) {
                        String name = safeName(base.relativize(file).toString().replace('\\', '/'));
                        if (name != null && !name.equals("speedfog_race.toml")) {
                            zip.putNextEntry(new ZipEntry(prefix + name));
                            Files.copy(file, zip);
                            zip.closeEntry();
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } else {
            try (ZipFile source = new ZipFile(pack.seed().toFile())) {
                for (ZipEntry entry : java.util.Collections.list(source.entries())) {
                    String name = entry.isDirectory() ? null : safeName(entry.getName());
                    if (name == null || name.equals("speedfog_race.toml")) {
                        continue;
                    }
                    zip.putNextEntry(new ZipEntry(prefix + name));
                    try (InputStream in = source.getInputStream(entry)) {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                }
            }
        }
        zip.putNextEntry(new ZipEntry(prefix + "speedfog_race.toml"));
        zip.write(pack.toml().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        zip.closeEntry();
        if (pack.dll().isPresent()) {
            zip.putNextEntry(new ZipEntry(prefix + "speedfog_race.dll"));
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

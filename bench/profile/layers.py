#!/usr/bin/env python3
"""Share of a JFR recording's CPU samples per layer of the request path. "self" gives each sample to the
layer of the frame nearest the top of its stack that belongs to a layer (the JDK code a layer calls counts
for that layer); "incl" counts a sample for every layer on its stack (a filter includes what runs inside it). Usage: bench/profile/layers.py recording.jfr [thread-name-part]
Reads `jfr print --events jdk.ExecutionSample --stack-depth 256`; only threads whose name contains the
part (default "http-thread-pool") count."""
import re, subprocess, sys, collections

LAYERS = [
    ("Grizzly and Catalina (HTTP parsing, dispatch, response)", r"org\.glassfish\.grizzly|org\.apache\.catalina|com\.sun\.enterprise\.web|org\.apache\.coyote"),
    ("Authentication module and JASPIC plumbing", r"jakarta\.security\.auth\.message|com\.sun\.enterprise\.security\.jauth|com\.sun\.enterprise\.security\.jmac|PaddockAuthModule|org\.glassfish\.soteria|RealmAdapter\.validate"),
    ("JACC permission checks", r"com\.sun\.enterprise\.security\.ee\.authorize|WebSecurityManager|jakarta\.security\.jacc|PolicyWrapper|java\.security\.Policy|ProtectionDomain\.implies"),
    ("Request guard (URL and header checks)", r"io\.paddock\.platform\.web\.RequestGuard|MalformedUrls|MediaTypeHeaders"),
    ("Request id and access log", r"io\.paddock\.platform\.web\.RequestIdFilter|io\.paddock\.platform\.web\.AccessLog|java\.util\.logging"),
    ("Security headers filter", r"io\.paddock\.platform\.web\.SecurityHeaders"),
    ("Prepared-bytes filters", r"io\.paddock\.platform\.web\.PreparedJson|AuthConfigFilter|RaceListFilter"),
    ("Jersey (routing, filters, providers, writing)", r"org\.glassfish\.jersey"),
    ("Jackson (JSON writing)", r"com\.fasterxml\.jackson"),
    ("Weld (CDI contexts, proxies)", r"org\.jboss\.weld"),
    ("Bean Validation", r"org\.hibernate\.validator"),
    ("Request tracing and OpenTelemetry", r"fish\.payara\.nucleus\.requesttracing|fish\.payara\.requesttracing|io\.opentelemetry|fish\.payara\.microprofile\.telemetry|opentracing"),
    ("MicroProfile Metrics", r"fish\.payara\.microprofile\.metrics"),
    ("MicroProfile Health", r"fish\.payara\.microprofile\.healthcheck"),
    ("Invocation manager and naming", r"InvocationManagerImpl|com\.sun\.enterprise\.naming|org\.glassfish\.api\.invocation"),
    ("JPA and JDBC", r"org\.eclipse\.persistence|org\.postgresql|com\.sun\.gjc"),
    ("Transactions", r"com\.sun\.enterprise\.transaction|JavaEETransaction"),
    ("EJB container", r"com\.sun\.ejb\.containers"),
    ("Paddock code (io.paddock)", r"io\.paddock\."),
    ("Static file (DefaultServlet)", r"org\.apache\.catalina\.servlets\.DefaultServlet"),
    ("Socket read/write (NIO)", r"sun\.nio\.ch\.|SocketChannelImpl"),
]

def main():
    path = sys.argv[1]
    part = sys.argv[2] if len(sys.argv) > 2 else "http-thread-pool"
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "256", path],
                         capture_output=True, text=True, check=True).stdout
    counts = collections.Counter()
    own = collections.Counter()
    compiled = [(name, re.compile(pattern)) for name, pattern in LAYERS]
    tops = collections.Counter()
    total = 0
    for event in out.split("jdk.ExecutionSample {")[1:]:
        thread = re.search(r'sampledThread = "([^"]*)"', event)
        if not thread or part not in thread.group(1):
            continue
        total += 1
        frames = re.findall(r"^\s+([\w$.<>/]+)\(", event, re.M)
        stack = "\n".join(frames)
        for name, pattern in compiled:
            if pattern.search(stack):
                counts[name] += 1
        owner = "other (JDK, HK2, threads)"
        for frame in frames:
            hit = next((name for name, pattern in compiled if pattern.search(frame)), None)
            if hit:
                owner = hit
                break
        own[owner] += 1
        if frames:
            tops[frames[0]] += 1
    print(f"{path}: {total} samples of threads '{part}'")
    print("   self    incl  layer")
    for name, _ in LAYERS + [("other (JDK, HK2, threads)", "")]:
        if counts[name] or own[name]:
            print(f"  {100 * own[name] / total:5.1f} % {100 * counts[name] / total:5.1f} %  {name}")
    print("  top frames:")
    for frame, n in tops.most_common(12):
        print(f"  {100 * n / total:5.1f} %  {frame}")

main()

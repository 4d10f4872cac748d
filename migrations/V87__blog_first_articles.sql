-- The blog's first three articles, as Markdown: the server renders and sanitises them at startup
-- (html is left empty here), with the same renderer as an edit in the admin console.
INSERT INTO blog_articles (id, slug, title, summary, markdown, html, published, author_id, author_name,
                           created_at, updated_at, published_at)
VALUES
('8d0f5b1e-2a61-4c1b-9a57-1f0c6e3b2a01', 'what-paddock-is', 'What Paddock is',
 'One self-hosted server for an online racing community: races, verified results, voice rooms and file transfers under one account.',
$md$Paddock is one server for an online racing community. You run it yourself — one Java application
and one PostgreSQL database — and it gives your members one account for everything they do together:

- **Races.** Organizers create races, add entrants and release a personal pack to each of them.
  While the race runs, a game mod reports every entrant's progress live, and anyone can follow the
  race room: the race clock, each entrant's layer and gap to the leader, and the seed map with every
  entrant on it.
- **Verified results.** Drivers who use SimHub install the Paddock plugin. It sends telemetry
  heartbeats while they are on track and submits their result at the end; Paddock checks the result
  against what it saw of the session before it counts on the podiums.
- **Voice rooms.** With the Discord bot configured, every race gets its own voice room when its
  countdown starts, and the race page shows who has joined.
- **Transfers.** Members on a paid plan can move files over BitTorrent through the server, with
  progress shown live and downloads they can share.

## One account

Members sign in with Discord, Twitch or an email address and password, and may link the others
later. The SimHub plugin signs in through the same account, so a result always belongs to a person
the community knows.

## Run by the community, for the community

Staff have an admin console: they find users, races and results in one search, review results the
checks could not verify, and change roles. Every such action takes a reason and a ticket, and lands in
an audit trail that nobody can edit afterwards.

Start with [how a race works](/blog/how-a-race-works), or read
[how results are verified](/blog/how-results-are-verified).
$md$, NULL, true, NULL, 'Paddock', now(), now(), now() - interval '2 days'),

('3c7a9e24-5b8d-4f0e-8c31-6a2d9b4e7f02', 'how-a-race-works', 'How a race works',
 'From a draft to the finish line: opening a race, packs, the countdown, live progress and resets that keep every attempt.',
$md$Every race on Paddock goes through the same steps, and the race page shows where it stands.

## 1. Draft and open

An organizer creates a race with a name. Paddock draws a seed from a seed pool for it. While the race
is a **draft** or **open**, the organizer adds, removes and invites entrants — an invite is a link for a
Twitch account — and may re-roll the seed until the packs are released.

## 2. Packs

When the field is set, the organizer releases the packs: each entrant downloads a personal pack with
the seed's files and a token that lets their game mod report for them, and nobody else.

## 3. Countdown

The organizer starts the race with a start time. The race clock is kept by the server's database, so
a start that falls while the server restarts still happens, at the time that was announced.

## 4. Running

At the start the race is **running**. Each entrant's mod connects to Paddock and reports progress:
the zone, the layer reached and the in-game time. Spectators follow it in the race room, where the
leaderboard shows every entrant's layer and gap to the leader, and the seed map shows where everyone
is. An entrant whose in-game time stops moving for too long is counted as abandoned.

## 5. Finished

When every entrant has finished or abandoned, the race is **finished** and its ranking is final. An
organizer can choose to hide the names of those who finished until the race is over.

## Resets keep history

If something goes wrong, the organizer resets the race back to open. A race that had already started
keeps what happened as a recorded **attempt** — its clock and ranked results — so a reset never erases
a race that was run.
$md$, NULL, true, NULL, 'Paddock', now(), now(), now() - interval '1 day'),

('e51b2c8f-9d3a-4a6e-b7f4-0c8e1d5a3b03', 'how-results-are-verified', 'How results are verified',
 'What the SimHub plugin sends, the checks a result passes before it counts, and what staff review by hand.',
$md$A result on the podiums should be a result someone really drove. Paddock checks each one against
telemetry from the session it comes from.

## What the plugin sends

The Paddock plugin for SimHub is registered to your account and signs every request it makes. While
you are on track it sends a **heartbeat every five seconds**: speed, RPM, gear, lap time, position and
session time. At the end of the session it submits the result — track, car, final position, laps, best
lap and total time. A podium finish must also answer a challenge the server set during the session.

## The checks

When a result arrives, Paddock compares it with the session's heartbeats:

| Check | If it fails |
|---|---|
| The final position is within two places of the last position the plugin reported | flagged (`POSITION_JUMP`) |
| The telemetry is continuous: positions, lap times, speed and RPM move like real driving | flagged (`LOW_CONTINUITY`) |
| There are at least three heartbeats to judge | pending (`INSUFFICIENT_TELEMETRY`) |

A result that passes every check is **verified** and counts at once on the podiums. A **flagged** or
**pending** result does not count yet.

## Staff review

Flagged and pending results wait in the review queue of the admin console, with the evidence the
server saw: how many heartbeats arrived, how many were static, when the session started and ended. An
admin verifies or rejects each one, and always says why, with a ticket. Any result can be rejected —
even one the checks verified — and a rejected result never counts.

## Verified members

A member becomes **verified** once they have a linked Discord account, an active plugin installation
and at least one verified result. Staff can see each of those checks, and set the state by hand when
needed; every such decision is in the audit trail.
$md$, NULL, true, NULL, 'Paddock', now(), now(), now());

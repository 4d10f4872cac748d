package io.paddock.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class PageAddressesTest {

    @Test
    void htmlFilesMoveToTheirCleanAddressKeepingTheRestOfTheQuery() {
        assertEquals(Optional.of("/race/abc-1"), PageAddresses.cleanAddress("/race.html", "id=abc-1"));
        assertEquals(Optional.of("/race/abc?frames=x&y"), PageAddresses.cleanAddress("/race.html", "frames=x&id=abc&y"));
        assertEquals(Optional.of("/invite/T0k_en"), PageAddresses.cleanAddress("/invite.html", "token=T0k_en"));
        assertEquals(Optional.of("/"), PageAddresses.cleanAddress("/races.html", null));
        assertEquals(Optional.of("/?x=1"), PageAddresses.cleanAddress("/index.html", "x=1"));
        assertEquals(Optional.of("/races/new"), PageAddresses.cleanAddress("/race-new.html", ""));
        assertEquals(Optional.of("/auth/token"), PageAddresses.cleanAddress("/token.html", null));
        assertEquals(Optional.of("/gate?success=1&next=%2Fqr"), PageAddresses.cleanAddress("/gate.html", "success=1&next=%2Fqr"));
    }

    @Test
    void anIdThatIsNoPlainSegmentStaysInTheQuery() {
        assertEquals(Optional.of("/?id=..%2Fx"), PageAddresses.cleanAddress("/race.html", "id=..%2Fx"));
        assertEquals(Optional.of("/?id"), PageAddresses.cleanAddress("/race.html", "id"));
    }

    @Test
    void pagesWithoutACleanAddressAreLeftAlone() {
        assertEquals(Optional.empty(), PageAddresses.cleanAddress("/404.html", null));
        assertEquals(Optional.empty(), PageAddresses.cleanAddress("/error.html", "x=1"));
        assertEquals(Optional.empty(), PageAddresses.cleanAddress("/css/x.html", null));
    }

    @Test
    void cleanAddressesNameTheirFiles() {
        assertEquals(Optional.of("/race.html"), PageAddresses.file("/race/0b9c"));
        for (String page : new String[] {"pricing", "billing", "transfers", "discord", "api-reference"}) {
            assertEquals(Optional.of("/" + page + ".html"), PageAddresses.file("/" + page));
            assertEquals(Optional.of("/" + page + "?checkout=done"), PageAddresses.cleanAddress("/" + page + ".html",
                    "checkout=done"));
        }
        assertEquals(Optional.of("/race.html"), PageAddresses.file("/race/0b9c/manage"));
        assertEquals(Optional.of("/invite.html"), PageAddresses.file("/invite/abc_DEF-1"));
        assertEquals(Optional.of("/race-new.html"), PageAddresses.file("/races/new"));
        assertEquals(Optional.of("/token.html"), PageAddresses.file("/auth/token"));
        assertEquals(Optional.of("/my-results.html"), PageAddresses.file("/my-results"));
        assertEquals(Optional.empty(), PageAddresses.file("/race/x/other"));
        assertEquals(Optional.empty(), PageAddresses.file("/race/"));
        assertEquals(Optional.empty(), PageAddresses.file("/invite/a%2Fb"));
    }

    @Test
    void theBlogAndTheAdminConsoleHaveCleanAddresses() {
        assertEquals(Optional.of("/blog.html"), PageAddresses.file("/blog"));
        assertEquals(Optional.of("/blog.html"), PageAddresses.file("/blog/how-a-race-works"));
        assertEquals(Optional.of("/admin.html"), PageAddresses.file("/admin"));
        assertEquals(Optional.empty(), PageAddresses.file("/blog/Not_A_Slug"));
        assertEquals(Optional.of("/blog/what-paddock-is"), PageAddresses.cleanAddress("/blog.html", "slug=what-paddock-is"));
        assertEquals(Optional.of("/blog"), PageAddresses.cleanAddress("/blog.html", null));
        assertEquals(Optional.of("/admin#audit"), PageAddresses.cleanAddress("/admin.html", null).map(a -> a + "#audit"));
    }
}

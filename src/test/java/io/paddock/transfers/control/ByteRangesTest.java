package io.paddock.transfers.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ByteRangesTest {

    @Test
    void singleSuffixOpenAndMultipleRanges() {
        assertEquals(List.of(new ByteRanges.Range(0, 9)), ByteRanges.parse("bytes=0-9", 100));
        assertEquals(List.of(new ByteRanges.Range(90, 99)), ByteRanges.parse("bytes=90-", 100));
        assertEquals(List.of(new ByteRanges.Range(95, 99)), ByteRanges.parse("bytes=-5", 100));
        assertEquals(List.of(new ByteRanges.Range(50, 99)), ByteRanges.parse("bytes=50-1000", 100));
        assertEquals(List.of(new ByteRanges.Range(0, 1), new ByteRanges.Range(5, 6)), ByteRanges.parse("bytes=0-1, 5-6", 100));
        assertEquals("bytes 0-9/100", new ByteRanges.Range(0, 9).contentRange(100));
    }

    @Test
    void anythingElseMeansTheWholeFile() {
        for (String header : new String[] {null, "", "items=0-1", "bytes=abc", "bytes=5-1", "bytes=1"}) {
            assertEquals(List.of(), ByteRanges.parse(header, 100), header);
        }
    }

    @Test
    void rangesOutsideTheFileAre416WithTheSize() {
        ByteRanges.NotSatisfiable e = assertThrows(ByteRanges.NotSatisfiable.class, () -> ByteRanges.parse("bytes=100-", 100));
        assertEquals(416, e.status());
        assertEquals("bytes */100", e.headers().get("Content-Range"));
    }
}

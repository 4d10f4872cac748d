package io.paddock.racing.entity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of a participant's zone history: the graph node entered and the IGT when it happened. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ZoneVisit(@JsonProperty("node_id") String nodeId, @JsonProperty("igt_ms") long igtMs, Integer layer) implements java.io.Serializable {
}

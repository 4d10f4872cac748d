package io.paddock.transfers.entity;

/** Where a job's finished files live: the node's download folder, or an S3-compatible bucket. */
public enum StorageKind {
    LOCAL, S3
}

package io.paddock.platform.persistence;

import java.util.UUID;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * For a nullable {@code uuid} column mapped as a plain {@link UUID}: EclipseLink's built-in UUID
 * converter fails on NULL when it reads a row, and an explicit converter replaces it. The driver reads
 * and writes {@code uuid} as {@link UUID} itself, so nothing is converted.
 */
@Converter
public class NullableUuid implements AttributeConverter<UUID, UUID> {

    @Override
    public UUID convertToDatabaseColumn(UUID attribute) {
        return attribute;
    }

    @Override
    public UUID convertToEntityAttribute(UUID column) {
        return column;
    }
}

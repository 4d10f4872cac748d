package io.paddock.platform.json;

import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;

/**
 * Jackson's JSON factory with {@link InputLimits#CONSTRAINTS} set and every parser it creates wrapped
 * in a {@link BoundedParser}: the one place all of Paddock's JSON input passes, whatever reads it
 * (JAX-RS, servlets, sockets, tree or data binding).
 */
final class BoundedJsonFactory extends JsonFactory {

    private static final long serialVersionUID = 1L;

    BoundedJsonFactory() {
        super(new JsonFactoryBuilder().streamReadConstraints(InputLimits.CONSTRAINTS));
    }

    private BoundedJsonFactory(BoundedJsonFactory source) {
        super(source, null);
    }

    @Override
    public JsonFactory copy() {
        return new BoundedJsonFactory(this);
    }

    @Override
    protected JsonParser _createParser(InputStream in, IOContext context) throws IOException {
        return new BoundedParser(super._createParser(in, context));
    }

    @Override
    protected JsonParser _createParser(Reader reader, IOContext context) throws IOException {
        return new BoundedParser(super._createParser(reader, context));
    }

    @Override
    protected JsonParser _createParser(char[] data, int offset, int length, IOContext context, boolean recyclable)
            throws IOException {
        return new BoundedParser(super._createParser(data, offset, length, context, recyclable));
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int length, IOContext context) throws IOException {
        return new BoundedParser(super._createParser(data, offset, length, context));
    }

    @Override
    protected JsonParser _createParser(DataInput input, IOContext context) throws IOException {
        return new BoundedParser(super._createParser(input, context));
    }
}

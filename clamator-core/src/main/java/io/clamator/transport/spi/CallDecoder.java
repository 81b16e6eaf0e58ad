package io.clamator.transport.spi;

import io.clamator.protocol.ClamatorProtocolException;
import io.clamator.protocol.Envelope;
import io.clamator.protocol.EnvelopeCodec;

/** Reads what a server received into a call, applying the payload limit before anything else. */
public final class CallDecoder {

    private final EnvelopeCodec codec;
    private final int maxPayloadBytes;

    public CallDecoder(EnvelopeCodec codec, int maxPayloadBytes) {
        this.codec = codec;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * Reads an envelope that should be a request or a notification.
     *
     * @throws OversizedCallException     when it is too large to read
     * @throws ClamatorProtocolException saying why else it cannot be handled: not JSON, not a valid
     *                                    envelope, or a response
     */
    public Envelope.Call decode(byte[] envelope) {
        if (envelope.length > maxPayloadBytes) {
            throw new OversizedCallException(envelope.length, maxPayloadBytes, codec.peekId(envelope));
        }
        if (!(codec.parse(envelope) instanceof Envelope.Call call)) {
            throw new ClamatorProtocolException("a response where a request or notification was expected");
        }
        return call;
    }
}

package io.celestialnexus.engine.ssq.state;

import io.celestialnexus.engine.ssq.Draw;
import io.celestialnexus.persistence.CborSerializable;

/** A draw as the history holds it, with where it came from ("bundled", "import", "api", "cli", ...). */
public record RecordedDraw(Draw draw, String source) implements CborSerializable {}

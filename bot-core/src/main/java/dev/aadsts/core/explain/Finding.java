package dev.aadsts.core.explain;

import dev.aadsts.core.context.ErrorContext;
import dev.aadsts.core.detect.Shape;
import dev.aadsts.knowledge.CatalogEntry;

/** One distinct code found in a paste, with its catalog entry (if known) and what the paste says about it. */
public record Finding(String code, Shape shape, CatalogEntry entry, ErrorContext context) {
    public boolean known() {
        return entry != null;
    }
}

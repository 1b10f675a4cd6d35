package dev.aadsts.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aadsts.core.BotCore;
import dev.aadsts.knowledge.upstream.ListDiff;
import dev.aadsts.knowledge.upstream.MicrosoftList;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code catalog diff <file>}: what a newer copy of Microsoft's list means for the catalog, grouped by
 * what the maintainer has to do. Exit 0 nothing changed, 1 there is work to do, 2 the file is unreadable.
 */
final class CatalogDiffCommand {
    /** Far beyond the Learn page's source (about 65 KB). */
    static final long MAX_BYTES = 8L * 1024 * 1024;

    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<BotCore> core;

    CatalogDiffCommand(PrintStream out, PrintStream err, Supplier<BotCore> core) {
        this.out = out;
        this.err = err;
        this.core = core;
    }

    int run(List<String> args, boolean json) throws UsageException {
        if (args.size() != 1) {
            throw new UsageException("catalog diff needs one file: a TSV copy of Microsoft's list or the Learn "
                    + "page's markdown (reference-error-codes.md)");
        }
        Path file = Path.of(args.get(0));
        MicrosoftList newer;
        try {
            newer = MicrosoftList.parse(read(file));
        } catch (IOException | MicrosoftList.UnreadableListException e) {
            err.println("aadsts-bot: cannot read " + file + ": " + e.getMessage());
            return Cli.USAGE;
        }
        ListDiff diff = ListDiff.of(core.get().catalog(), MicrosoftList.shipped(), newer);
        if (json) {
            out.print(json(diff));
        } else {
            text(file, diff);
        }
        return diff.hasWork() ? Cli.NOTHING_FOUND : Cli.OK;
    }

    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(Files.exists(file) ? "not a file" : "no such file");
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException("larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("not UTF-8 text");
        }
    }

    private void text(Path file, ListDiff d) {
        out.printf("Catalog: %d entries. %s: %d codes.%n", d.catalogSize(), file.getFileName(), d.newerSize());
        section("Added to Microsoft's list, not in the catalog: write an entry for each (the name is Entra's)",
                d.added().stream().map(c -> line(c.code(), name(c.name()))).toList());
        section("Now on Microsoft's list, already in the catalog as a code seen in real sign-ins: check the "
                + "entry against the list", d.newlyListed().stream().map(r -> line(r.code(), Objects.equals(r.from(),
                        r.to()) ? name(r.to()) : "our name " + name(r.from()) + ", the list's " + name(r.to())))
                        .toList());
        section("Renamed: update the entry's name",
                d.renamed().stream().map(r -> line(r.code(), name(r.from()) + "  ->  " + name(r.to()))).toList());
        section("Removed from Microsoft's list: keep the entry (old logs and some sign-ins still return it) and "
                + "consider saying in its summary that Microsoft no longer lists it",
                d.removed().stream().map(c -> line(c.code(), name(c.name()))).toList());
        out.printf("%nNot on either list (harvested from real reports; nothing to do): %d%n", d.harvested());
        if (d.hasWork()) {
            int n = d.added().size() + d.newlyListed().size() + d.renamed().size() + d.removed().size();
            out.printf("%d %s to look at. Afterwards copy the new list's codes and names into "
                    + "knowledge/src/main/resources/reference-codes.tsv and run: mvn -B verify -pl knowledge%n",
                    n, n == 1 ? "change" : "changes");
        } else {
            out.println("Nothing changed: the catalog matches this list.");
        }
    }

    private void section(String heading, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.printf("%n%s (%d)%n", heading, lines.size());
        lines.forEach(out::println);
    }

    private static String line(String code, String rest) {
        return String.format("  AADSTS%-9s %s", code, rest);
    }

    private static String name(String name) {
        return name == null ? "(no name)" : name;
    }

    private static String json(ListDiff d) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        codes(root.putArray("added"), d.added());
        renames(root.putArray("newlyListed"), d.newlyListed());
        renames(root.putArray("renamed"), d.renamed());
        codes(root.putArray("removed"), d.removed());
        root.put("harvested", d.harvested());
        root.put("work", d.hasWork());
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }

    private static void renames(ArrayNode out, List<ListDiff.Rename> renames) {
        renames.forEach(r -> out.addObject().put("code", r.code()).put("from", r.from()).put("to", r.to()));
    }

    private static void codes(ArrayNode out, List<ListDiff.Code> codes) {
        codes.forEach(c -> out.addObject().put("code", c.code()).put("name", c.name()));
    }
}

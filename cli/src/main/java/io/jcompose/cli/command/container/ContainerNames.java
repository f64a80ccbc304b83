package io.jcompose.cli.command.container;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Names for containers run without {@code --name}: {@code adjective_noun}, as Docker names its own. */
final class ContainerNames {

    private static final List<String> ADJECTIVES = List.of("amber", "bold", "brisk", "calm", "candid", "clever",
            "cosy", "crisp", "curious", "dapper", "daring", "deft", "eager", "earnest", "fair", "fervent", "festive",
            "fond", "gentle", "glad", "gleaming", "hardy", "honest", "humble", "jolly", "keen", "kind", "lively",
            "lucid", "merry", "mellow", "modest", "nimble", "noble", "patient", "plucky", "polite", "proud", "quick",
            "quiet", "radiant", "rapid", "ready", "serene", "sharp", "shy", "steady", "sunny", "swift", "tidy",
            "upbeat", "vivid", "warm", "wise", "witty", "zesty");

    private static final List<String> NOUNS = List.of("alder", "aspen", "badger", "beech", "bittern", "bluebell",
            "bramble", "buzzard", "cedar", "chaffinch", "clover", "cormorant", "curlew", "dipper", "dunlin", "egret",
            "elder", "falcon", "fennel", "fern", "gannet", "godwit", "hawthorn", "hazel", "heron", "holly", "juniper",
            "kestrel", "kingfisher", "lapwing", "larch", "linnet", "maple", "marten", "merlin", "nightjar", "osprey",
            "otter", "plover", "puffin", "redstart", "rowan", "sedge", "shrike", "siskin", "sorrel", "starling",
            "stoat", "swallow", "teal", "thistle", "thrush", "wagtail", "warbler", "willow", "wren", "yarrow");

    private ContainerNames() {
    }

    static String random() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return ADJECTIVES.get(r.nextInt(ADJECTIVES.size())) + "_" + NOUNS.get(r.nextInt(NOUNS.size()));
    }
}

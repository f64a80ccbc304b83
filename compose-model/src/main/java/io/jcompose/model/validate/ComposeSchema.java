package io.jcompose.model.validate;

import static io.jcompose.model.validate.SchemaDsl.ANY;
import static io.jcompose.model.validate.SchemaDsl.BOOL;
import static io.jcompose.model.validate.SchemaDsl.BYTES;
import static io.jcompose.model.validate.SchemaDsl.DURATION;
import static io.jcompose.model.validate.SchemaDsl.EMPTY;
import static io.jcompose.model.validate.SchemaDsl.FILE_MODE;
import static io.jcompose.model.validate.SchemaDsl.INT;
import static io.jcompose.model.validate.SchemaDsl.LIST_OR_DICT;
import static io.jcompose.model.validate.SchemaDsl.NUM;
import static io.jcompose.model.validate.SchemaDsl.STR;
import static io.jcompose.model.validate.SchemaDsl.STR_LIST;
import static io.jcompose.model.validate.SchemaDsl.STR_MAP;
import static io.jcompose.model.validate.SchemaDsl.STR_OR_LIST;
import static io.jcompose.model.validate.SchemaDsl.UNIQUE_STR_LIST;
import static io.jcompose.model.validate.SchemaDsl.choice;
import static io.jcompose.model.validate.SchemaDsl.list;
import static io.jcompose.model.validate.SchemaDsl.mapOf;
import static io.jcompose.model.validate.SchemaDsl.namedMap;
import static io.jcompose.model.validate.SchemaDsl.obj;
import static io.jcompose.model.validate.SchemaDsl.oneOf;

import io.jcompose.model.source.KeyPath;
import io.jcompose.model.yaml.YamlNode;

/**
 * Every attribute of the Compose Specification with its type, written from the spec's reference pages. Keys that
 * are not listed are rejected (with a "did you mean" hint); {@code x-} extensions are kept wherever the spec allows.
 */
public final class ComposeSchema {

    private static final String NAME_PATTERN = "[a-zA-Z0-9._-]+";
    private static final String NAME_HINT = "letters, digits, '.', '_' or '-'";

    private static final Schema BLKIO_LIMITS = list(obj("path", STR, "rate", oneOf(INT, STR)));
    private static final Schema BLKIO = obj(
            "device_read_bps", BLKIO_LIMITS, "device_read_iops", BLKIO_LIMITS,
            "device_write_bps", BLKIO_LIMITS, "device_write_iops", BLKIO_LIMITS,
            "weight", INT, "weight_device", list(obj("path", STR, "weight", INT)));

    private static final Schema BUILD = oneOf(STR, obj(
            "context", STR, "dockerfile", STR, "dockerfile_inline", STR, "entitlements", STR_LIST,
            "args", LIST_OR_DICT, "ssh", LIST_OR_DICT, "labels", LIST_OR_DICT, "cache_from", STR_LIST,
            "cache_to", STR_LIST, "no_cache", BOOL, "no_cache_filter", STR_OR_LIST,
            "additional_contexts", LIST_OR_DICT, "network", STR, "provenance", oneOf(STR, BOOL),
            "sbom", oneOf(STR, BOOL), "pull", BOOL, "target", STR, "shm_size", BYTES,
            "extra_hosts", oneOf(UNIQUE_STR_LIST, mapOf(STR_OR_LIST)), "isolation", STR, "privileged", BOOL,
            "secrets", serviceFileRefs(), "tags", STR_LIST, "ulimits", ulimits(), "platforms", STR_LIST));

    private static final Schema HEALTHCHECK = obj(
            "disable", BOOL, "interval", DURATION, "retries", NUM, "test", STR_OR_LIST, "timeout", DURATION,
            "start_period", DURATION, "start_interval", DURATION);

    private static final Schema.Obj GPU_REQUEST = obj("capabilities", STR_LIST, "count", oneOf(INT, STR),
            "device_ids", STR_LIST, "driver", STR, "options", LIST_OR_DICT);
    private static final Schema.Obj DEVICE_REQUEST = GPU_REQUEST.requiring("capabilities");

    private static final Schema LIMITS = obj("cpus", NUM, "memory", BYTES, "pids", INT);

    private static final Schema RESERVATIONS = obj(
            "cpus", NUM, "memory", BYTES, "devices", list(DEVICE_REQUEST),
            "generic_resources", list(obj("discrete_resource_spec", obj("kind", STR, "value", NUM))));

    private static final Schema DEPLOY = obj(
            "mode", STR, "endpoint_mode", STR, "replicas", INT, "labels", LIST_OR_DICT,
            "rollback_config", updateConfig(), "update_config", updateConfig(),
            "resources", obj("limits", LIMITS, "reservations", RESERVATIONS),
            "restart_policy", obj("condition", STR, "delay", DURATION, "max_attempts", INT, "window", DURATION),
            "placement", obj("constraints", STR_LIST,
                    "preferences", list(obj("spread", STR)), "max_replicas_per_node", INT));

    private static final Schema DEPENDS_ON = oneOf(UNIQUE_STR_LIST, namedMap(obj(
            "condition", choice("service_started", "service_healthy", "service_completed_successfully"),
            "restart", BOOL, "required", BOOL).requiring("condition"), null, null));

    private static final Schema PORTS = list(oneOf(NUM, STR, obj(
            "name", STR, "mode", STR, "host_ip", STR, "target", INT, "published", oneOf(STR, INT),
            "protocol", STR, "app_protocol", STR).requiring("target")));

    private static final Schema SERVICE_VOLUMES = list(oneOf(STR, obj(
            "type", choice("bind", "volume", "tmpfs", "npipe", "cluster", "image"),
            "source", STR, "target", STR, "read_only", BOOL, "consistency", STR,
            "bind", obj("propagation", STR, "create_host_path", BOOL, "recursive", choice("enabled", "disabled",
                    "writable", "readonly"), "selinux", choice("z", "Z")),
            "volume", obj("labels", LIST_OR_DICT, "nocopy", BOOL, "subpath", STR),
            "tmpfs", obj("size", BYTES, "mode", NUM),
            "image", obj("subpath", STR)).requiring("type")));

    private static final Schema SERVICE_NETWORKS = oneOf(UNIQUE_STR_LIST, namedMap(oneOf(obj(
            "aliases", STR_LIST, "interface_name", STR, "ipv4_address", STR, "ipv6_address", STR,
            "link_local_ips", STR_LIST, "mac_address", STR, "driver_opts", mapOf(oneOf(STR, NUM)),
            "priority", NUM, "gw_priority", NUM), EMPTY), null, null));

    private static final Schema LOGGING = obj("driver", STR, "options", mapOf(oneOf(STR, NUM)));

    private static final Schema SERVICE = obj(
            "annotations", LIST_OR_DICT, "attach", BOOL, "blkio_config", BLKIO, "build", BUILD,
            "cap_add", STR_LIST, "cap_drop", STR_LIST, "cgroup", choice("host", "private"),
            "cgroup_parent", STR, "command", oneOf(EMPTY, STR, STR_LIST), "configs", serviceFileRefs(),
            "container_name", STR, "cpu_count", INT, "cpu_percent", NUM, "cpu_shares", INT,
            "cpu_quota", INT, "cpu_period", INT, "cpu_rt_period", INT, "cpu_rt_runtime", INT, "cpus", NUM,
            "cpuset", STR,
            "credential_spec", obj("config", STR, "file", STR, "registry", STR), "depends_on", DEPENDS_ON,
            "deploy", DEPLOY, "develop", develop(), "device_cgroup_rules", STR_LIST,
            "devices", list(oneOf(STR, obj("source", STR, "target", STR, "permissions", STR).requiring("source"))),
            "dns", STR_OR_LIST, "dns_opt", STR_LIST, "dns_search", STR_OR_LIST, "domainname", STR,
            "entrypoint", oneOf(EMPTY, STR, STR_LIST), "env_file", oneOf(STR, list(oneOf(STR, obj(
                    "path", STR, "required", BOOL, "format", STR).requiring("path")))),
            "environment", LIST_OR_DICT, "expose", list(oneOf(STR, NUM)),
            "extends", oneOf(STR, obj("service", STR, "file", STR).requiring("service")),
            "external_links", UNIQUE_STR_LIST,
            "extra_hosts", oneOf(UNIQUE_STR_LIST, mapOf(STR_OR_LIST)),
            "gpus", oneOf(choice("all"), list(GPU_REQUEST)),
            "group_add", list(oneOf(STR, NUM)), "healthcheck", HEALTHCHECK, "hostname", STR, "image", STR,
            "init", BOOL, "ipc", STR, "isolation", STR, "labels", LIST_OR_DICT, "label_file", STR_OR_LIST,
            "links", STR_LIST, "logging", LOGGING, "mac_address", STR, "mem_limit", BYTES,
            "mem_reservation", BYTES, "mem_swappiness", BYTES, "memswap_limit", BYTES,
            "models", oneOf(UNIQUE_STR_LIST, mapOf(obj("endpoint_var", STR, "model_var", STR))),
            "network_mode", STR, "networks", SERVICE_NETWORKS, "oom_kill_disable", BOOL,
            "oom_score_adj", INT, "pid", STR, "pids_limit", INT, "platform", STR, "ports", PORTS,
            "post_start", list(serviceHook()), "pre_stop", list(serviceHook()), "privileged", BOOL,
            "profiles", STR_LIST, "provider", obj("type", STR, "options", mapOf(oneOf(STR, NUM, BOOL,
                    STR_LIST))).requiring("type"),
            "pull_policy", choice("always", "never", "if_not_present", "build", "missing", "daily", "weekly",
                    "refresh"),
            "pull_refresh_after", STR, "read_only", BOOL, "restart", STR, "runtime", STR, "scale", INT,
            "secrets", serviceFileRefs(),
            "security_opt", UNIQUE_STR_LIST, "shm_size", BYTES, "stdin_open", BOOL,
            "stop_grace_period", DURATION, "stop_signal", STR, "storage_opt", mapOf(ANY),
            "sysctls", LIST_OR_DICT, "tmpfs", STR_OR_LIST, "tty", BOOL, "ulimits", ulimits(),
            "use_api_socket", BOOL, "user", STR, "userns_mode", STR, "uts", STR, "volumes", SERVICE_VOLUMES,
            "volumes_from", UNIQUE_STR_LIST, "working_dir", STR);

    private static final Schema IPAM = obj("driver", STR,
            "config", list(obj("subnet", STR, "ip_range", STR, "gateway", STR,
                    "aux_addresses", mapOf(STR))),
            "options", mapOf(STR));

    private static final Schema EXTERNAL = oneOf(BOOL, obj("name", STR));

    private static final Schema NETWORK = oneOf(EMPTY, obj(
            "name", STR, "driver", STR, "driver_opts", mapOf(oneOf(STR, NUM)), "ipam", IPAM,
            "external", EXTERNAL, "internal", BOOL, "enable_ipv4", BOOL, "enable_ipv6", BOOL,
            "attachable", BOOL, "labels", LIST_OR_DICT));

    private static final Schema VOLUME = oneOf(EMPTY, obj(
            "name", STR, "driver", STR, "driver_opts", mapOf(oneOf(STR, NUM)), "external", EXTERNAL,
            "labels", LIST_OR_DICT));

    private static final Schema FILE_OBJECT = obj(
            "name", STR, "environment", STR, "file", STR, "content", STR, "external", EXTERNAL,
            "labels", LIST_OR_DICT, "driver", STR, "driver_opts", mapOf(oneOf(STR, NUM)),
            "template_driver", STR);

    private static final Schema INCLUDE = list(oneOf(STR, obj(
            "path", STR_OR_LIST, "env_file", STR_OR_LIST, "project_directory", STR)));

    private static final Schema MODEL = obj("name", STR, "model", STR, "context_size", INT,
            "runtime_flags", STR_LIST).requiring("model");

    /** The whole file. */
    public static final Schema FILE = obj(
            "version", STR, "name", STR, "include", INCLUDE,
            "services", namedMap(SERVICE, NAME_PATTERN, NAME_HINT),
            "networks", namedMap(NETWORK, NAME_PATTERN, NAME_HINT),
            "volumes", namedMap(VOLUME, NAME_PATTERN, NAME_HINT),
            "secrets", namedMap(FILE_OBJECT, NAME_PATTERN, NAME_HINT),
            "configs", namedMap(FILE_OBJECT, NAME_PATTERN, NAME_HINT),
            "models", namedMap(MODEL, NAME_PATTERN, NAME_HINT));

    private ComposeSchema() {
    }

    /** Validates one file's tree; throws a SchemaException listing every problem, or returns the coerced tree. */
    public static YamlNode validate(YamlNode root) {
        return validate(root, false);
    }

    /** As {@link #validate(YamlNode)}; with {@code keepVariables}, uninterpolated {@code ${VAR}} values pass. */
    public static YamlNode validate(YamlNode root, boolean keepVariables) {
        Problems problems = new Problems(keepVariables);
        YamlNode checked = FILE.check(root, KeyPath.ROOT, problems);
        problems.throwIfAny();
        return checked;
    }

    private static Schema serviceFileRefs() {
        return list(oneOf(STR, obj("source", STR, "target", STR, "uid", STR, "gid", STR, "mode", FILE_MODE)
                .requiring("source")));
    }

    private static Schema ulimits() {
        return mapOf(oneOf(INT, obj("hard", INT, "soft", INT).requiring("soft", "hard")));
    }

    private static Schema updateConfig() {
        return obj("parallelism", INT, "delay", DURATION, "failure_action", STR, "monitor", DURATION,
                "max_failure_ratio", NUM, "order", choice("start-first", "stop-first"));
    }

    private static Schema serviceHook() {
        return obj("command", oneOf(STR, STR_LIST), "user", STR, "privileged", BOOL, "working_dir", STR,
                "environment", LIST_OR_DICT).requiring("command");
    }

    private static Schema develop() {
        return obj("watch", list(obj("path", STR, "action", choice("rebuild", "sync", "restart",
                "sync+restart", "sync+exec"), "ignore", STR_OR_LIST, "include", STR_OR_LIST, "target", STR,
                "initial_sync", BOOL, "exec", serviceHook()).requiring("path", "action")));
    }
}

package io.jcompose.model.emit;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order of keys in {@code config} output, as docker compose prints them: the field order of compose-go's
 * structs where it has one (services, ports, mounts, resources…), then extension keys ({@code x-…}) and anything
 * else alphabetically; plain mappings (environment, labels, service names) alphabetically, as Go sorts map keys.
 */
final class KeyOrder {

    /** The root of the document; {@link #child} walks down by key (or list index) to the node of a nested value. */
    static final KeyOrder ROOT = new KeyOrder();

    /** Anything below a place no pattern reaches: plain mappings all the way down. */
    private static final KeyOrder LEAF = new KeyOrder();

    static {
        // Go prints struct fields in declaration order; these are compose-go's types, field by field
        struct("", "name services networks volumes secrets configs models");
        struct("services.*", """
                name profiles annotations attach build develop blkio_config cap_add cap_drop cgroup_parent cgroup
                cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpus cpuset cpu_shares
                command configs container_name credential_spec depends_on deploy device_cgroup_rules devices dns
                dns_opt dns_search dockerfile domainname entrypoint provider environment env_file expose extends
                external_links extra_hosts group_add gpus hostname healthcheck image init ipc isolation labels
                label_file links logging log_driver log_opt mem_limit mem_reservation memswap_limit mem_swappiness
                mac_address models net network_mode networks oom_kill_disable oom_score_adj pid pids_limit platform
                ports privileged pull_policy pull_refresh_after read_only restart runtime scale secrets security_opt
                shm_size stdin_open stop_grace_period stop_signal storage_opt sysctls tmpfs tty ulimits
                use_api_socket user userns_mode uts volume_driver volumes volumes_from working_dir pre_start
                post_start pre_stop""");
        struct("services.*.build", """
                context dockerfile dockerfile_inline entitlements args provenance sbom ssh labels cache_from
                cache_to no_cache no_cache_filter additional_contexts pull extra_hosts isolation network target
                secrets shm_size tags ulimits platforms privileged""");
        struct("services.*.healthcheck", "test timeout interval retries start_period start_interval disable");
        struct("services.*.ports.*", "name mode host_ip target published protocol app_protocol");
        struct("services.*.volumes.*", "type source target read_only consistency bind volume tmpfs image");
        struct("services.*.volumes.*.bind", "selinux propagation create_host_path recursive");
        struct("services.*.volumes.*.volume", "labels nocopy subpath");
        struct("services.*.volumes.*.tmpfs", "size mode");
        struct("services.*.depends_on.*", "condition restart required");
        struct("services.*.secrets.*", "source target uid gid mode");
        struct("services.*.configs.*", "source target uid gid mode");
        struct("services.*.build.secrets.*", "source target uid gid mode");
        struct("services.*.devices.*", "source target permissions");
        struct("services.*.env_file.*", "path required format");
        struct("services.*.logging", "driver options");
        struct("services.*.ulimits.*", "soft hard");
        struct("services.*.deploy", """
                mode replicas labels update_config rollback_config resources restart_policy placement endpoint_mode""");
        struct("services.*.deploy.update_config", "parallelism delay failure_action monitor max_failure_ratio order");
        struct("services.*.deploy.rollback_config", "parallelism delay failure_action monitor max_failure_ratio order");
        struct("services.*.deploy.resources", "limits reservations");
        struct("services.*.deploy.resources.limits", "cpus memory pids devices generic_resources");
        struct("services.*.deploy.resources.reservations", "cpus memory pids devices generic_resources");
        struct("services.*.deploy.restart_policy", "condition delay max_attempts window");
        struct("services.*.deploy.placement", "constraints preferences max_replicas_per_node");
        struct("services.*.blkio_config", """
                weight weight_device device_read_bps device_read_iops device_write_bps device_write_iops""");
        struct("services.*.develop.watch.*", "path action target exec include ignore initial_sync");
        struct("services.*.post_start.*", "command image user privileged working_dir environment");
        struct("services.*.pre_stop.*", "command image user privileged working_dir environment");
        struct("networks.*", """
                name driver driver_opts ipam external internal attachable labels enable_ipv4 enable_ipv6""");
        struct("networks.*.ipam", "driver config options");
        struct("networks.*.ipam.config.*", "subnet gateway ip_range aux_addresses");
        struct("volumes.*", "name driver driver_opts external labels");
        struct("secrets.*", "name file environment content external labels driver driver_opts template_driver");
        struct("configs.*", "name file environment content external labels driver driver_opts template_driver");
    }

    /** A service: the JSON output gives it {@code command} and {@code entrypoint} always. */
    static final KeyOrder SERVICE = ROOT.child("services").child("*");

    /**
     * The order at one place of the document, looked up by walking down with the keys: the emitters used to match
     * a path against every pattern for every mapping they wrote. {@code *} stands for any key or list index.
     */
    private final Map<String, KeyOrder> children = new HashMap<>();
    private KeyOrder any;
    /** Field positions of the struct at this place, or null for a plain (alphabetical) mapping. */
    private Map<String, Integer> rank;

    private KeyOrder() {
    }

    private static void struct(String path, String fields) {
        KeyOrder node = ROOT;
        if (!path.isEmpty()) {
            for (String segment : path.split("\\.")) {
                node = segment.equals("*") ? (node.any == null ? node.any = new KeyOrder() : node.any)
                        : node.children.computeIfAbsent(segment, s -> new KeyOrder());
            }
        }
        String[] names = fields.strip().split("\\s+");
        node.rank = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            node.rank.putIfAbsent(names[i], i);
        }
    }

    /** The node of the value at {@code key} (or at a list index) below this one. */
    KeyOrder child(String key) {
        KeyOrder exact = children.get(key);
        if (exact != null) {
            return exact;
        }
        return any != null ? any : LEAF;
    }

    /** The node of a list's items. */
    KeyOrder item() {
        return any != null ? any : LEAF;
    }

    /** The keys of {@code map} in output order: the struct's field order, then the rest alphabetically. */
    List<String> keys(Map<String, ?> map) {
        String[] keys = map.keySet().toArray(String[]::new);
        if (rank == null) {
            Arrays.sort(keys);
        } else {
            // structs are small (a service has a dozen keys): an insertion sort on positions looked up once
            int[] positions = new int[keys.length];
            for (int i = 0; i < keys.length; i++) {
                positions[i] = rank.getOrDefault(keys[i], Integer.MAX_VALUE);
            }
            for (int i = 1; i < keys.length; i++) {
                String key = keys[i];
                int position = positions[i];
                int j = i - 1;
                while (j >= 0 && (positions[j] > position || positions[j] == position && keys[j].compareTo(key) > 0)) {
                    keys[j + 1] = keys[j];
                    positions[j + 1] = positions[j];
                    j--;
                }
                keys[j + 1] = key;
                positions[j + 1] = position;
            }
        }
        return Arrays.asList(keys);
    }
}

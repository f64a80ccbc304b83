/*
 * jcompose-monitor: the parent of one run of one container, so that the container, its log and its exit code
 * outlive the jcompose command that started it.
 *
 *     jcompose-monitor --pid-file FILE --container-pid-file FILE --log FILE --exit-file FILE
 *                      [--console-socket PATH] -- RUNTIME_ARGV...
 *
 * RUNTIME_ARGV is the OCI runtime's `run` of the container (crun or runc: create, start, wait and delete in one
 * process), which writes the container's pid to --container-pid-file. The monitor forks a daemon in a session of
 * its own and waits: it exits 0 once that pid file has a pid (the container runs), 1 when the runtime ended before
 * (the runtime's own --log says why). The daemon writes its pid to --pid-file, copies the container's output into
 * --log in the k8s-file format that conmon writes and jcompose reads ("<RFC 3339 UTC nano> <stdout|stderr> <F|P>
 * <text>", P marking a piece that the next record continues), and when the runtime ends writes its exit status
 * (128 + signal when a signal ended it) to --exit-file, by rename, so a reader never sees half a number.
 * With --console-socket (a container with a terminal) the daemon listens there for the terminal's master, which
 * the runtime sends (the runtime's argv names the same socket), and logs what the terminal prints as stdout.
 *
 * Why not conmon: conmon runs the runtime's `create`, and jcompose then had to call `start` and later `delete`,
 * three runtime processes per run where `run` is one; each costs 10-20 ms here (crun re-mounts its own binary on
 * every call). libc only: it must build wherever a C compiler exists.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { READ_CHUNK = 16384 };

struct options {
    const char *pid_file;
    const char *container_pid_file;
    const char *log_file;
    const char *exit_file;
    const char *console_socket;
    char **runtime_argv;
};

/* A source of the container's output: a pipe, or a terminal's master. */
struct output {
    int fd;
    const char *stream;
};

static void usage(const char *message)
{
    fprintf(stderr, "jcompose-monitor: %s\n"
                    "usage: jcompose-monitor --pid-file FILE --container-pid-file FILE --log FILE --exit-file FILE"
                    " [--console-socket PATH] -- RUNTIME_ARGV...\n",
            message);
    exit(2);
}

static struct options parse(int argc, char **argv)
{
    struct options o = {0};
    int i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; i += 2) {
        if (i + 1 >= argc) {
            usage("an option without its value");
        }
        const char *value = argv[i + 1];
        if (strcmp(argv[i], "--pid-file") == 0) {
            o.pid_file = value;
        } else if (strcmp(argv[i], "--container-pid-file") == 0) {
            o.container_pid_file = value;
        } else if (strcmp(argv[i], "--log") == 0) {
            o.log_file = value;
        } else if (strcmp(argv[i], "--exit-file") == 0) {
            o.exit_file = value;
        } else if (strcmp(argv[i], "--console-socket") == 0) {
            o.console_socket = value;
        } else {
            usage("an unknown option");
        }
    }
    if (!o.pid_file || !o.container_pid_file || !o.log_file || !o.exit_file) {
        usage("a required option is missing");
    }
    if (i + 1 >= argc) {
        usage("no runtime command after --");
    }
    o.runtime_argv = argv + i + 1;
    return o;
}

static void close_quietly(int fd)
{
    if (fd >= 0) {
        /* close() is never retried on Linux, even after EINTR: the descriptor is gone either way */
        (void)close(fd);
    }
}

static bool write_all(int fd, const char *data, size_t length)
{
    while (length > 0) {
        ssize_t n = write(fd, data, length);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        data += n;
        length -= (size_t)n;
    }
    return true;
}

/* Writes TEXT to PATH through a temporary file and a rename: a reader sees the whole text or no file. */
static bool write_file_atomically(const char *path, const char *text)
{
    char temporary[PATH_MAX];
    if (snprintf(temporary, sizeof temporary, "%s.tmp", path) >= (int)sizeof temporary) {
        return false;
    }
    int fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        return false;
    }
    bool written = write_all(fd, text, strlen(text));
    close_quietly(fd);
    if (!written || rename(temporary, path) != 0) {
        (void)unlink(temporary);
        return false;
    }
    return true;
}

/* Whether the file holds a pid: the runtime has created the container. */
static bool has_pid(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    char text[32];
    ssize_t n = read(fd, text, sizeof text - 1);
    close_quietly(fd);
    return n > 0 && text[0] >= '1' && text[0] <= '9';
}

/* One log record per complete line of CHUNK, and a partial (P) record for a last piece without a newline. */
static void log_chunk(int log_fd, const char *stream, const char *chunk, size_t length)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    struct tm utc;
    gmtime_r(&now.tv_sec, &utc);
    char prefix[64];
    size_t date = strftime(prefix, sizeof prefix, "%Y-%m-%dT%H:%M:%S", &utc);
    snprintf(prefix + date, sizeof prefix - date, ".%09ldZ %s ", now.tv_nsec, stream);
    size_t prefix_length = strlen(prefix);

    static char record[64 + READ_CHUNK + 4];
    size_t start = 0;
    while (start < length) {
        const char *newline = memchr(chunk + start, '\n', length - start);
        size_t end = newline ? (size_t)(newline - chunk) : length;
        size_t used = 0;
        memcpy(record, prefix, prefix_length);
        used += prefix_length;
        record[used++] = newline ? 'F' : 'P';
        record[used++] = ' ';
        memcpy(record + used, chunk + start, end - start);
        used += end - start;
        record[used++] = '\n';
        /* a log that cannot be written (a full disk) must not stop the container: its output is dropped */
        (void)write_all(log_fd, record, used);
        start = end + 1;
    }
}

/* Reads what one output has; false once it has ended (end of file, or EIO from a terminal whose side closed). */
static bool copy_output(struct output *out, int log_fd)
{
    static char chunk[READ_CHUNK];
    ssize_t n = read(out->fd, chunk, sizeof chunk);
    if (n > 0) {
        log_chunk(log_fd, out->stream, chunk, (size_t)n);
        return true;
    }
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
        return true;
    }
    close_quietly(out->fd);
    out->fd = -1;
    return false;
}

/* A listening socket at PATH for the runtime to send the terminal's master to. */
static int listen_console(const char *path)
{
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof address.sun_path) {
        return -1;
    }
    strcpy(address.sun_path, path);
    (void)unlink(path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -1;
    }
    if (bind(fd, (struct sockaddr *)&address, sizeof address) != 0 || listen(fd, 1) != 0) {
        close_quietly(fd);
        return -1;
    }
    return fd;
}

/* Accepts the runtime's connection and receives the terminal master it sends (SCM_RIGHTS); -1 when none came. */
static int receive_console(int listener)
{
    int connection = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
    if (connection < 0) {
        return -1;
    }
    char byte[256];
    struct iovec io = {.iov_base = byte, .iov_len = sizeof byte};
    union {
        struct cmsghdr align;
        char buffer[CMSG_SPACE(sizeof(int))];
    } control;
    struct msghdr message = {
        .msg_iov = &io, .msg_iovlen = 1, .msg_control = control.buffer, .msg_controllen = sizeof control.buffer};
    ssize_t n;
    do {
        n = recvmsg(connection, &message, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    close_quietly(connection);
    struct cmsghdr *header = n < 0 ? NULL : CMSG_FIRSTHDR(&message);
    if (!header || header->cmsg_level != SOL_SOCKET || header->cmsg_type != SCM_RIGHTS) {
        return -1;
    }
    int master;
    memcpy(&master, CMSG_DATA(header), sizeof master);
    return master;
}

static int exit_status(int status)
{
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The daemon: runs the runtime, logs its output, records its end. Tells READY once the container runs. */
static int monitor(const struct options *o, int ready)
{
    (void)setsid();
    /* a daemon must not hold the directory jcompose ran in (a mount could not be unmounted): every path is absolute */
    if (chdir("/") != 0) {
        dprintf(ready, "cannot change to /: %s", strerror(errno));
        return 1;
    }
    /* a container process orphaned by a runtime that died is ours to reap, not init's to lose */
    (void)prctl(PR_SET_CHILD_SUBREAPER, 1);
    (void)signal(SIGPIPE, SIG_IGN);
    (void)signal(SIGHUP, SIG_IGN);

    sigset_t children;
    sigemptyset(&children);
    sigaddset(&children, SIGCHLD);
    sigset_t original;
    sigprocmask(SIG_BLOCK, &children, &original);
    int child_events = signalfd(-1, &children, SFD_CLOEXEC | SFD_NONBLOCK);

    char pid_text[32];
    snprintf(pid_text, sizeof pid_text, "%d", (int)getpid());
    int log_fd = open(o->log_file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    int watch = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    char directory[PATH_MAX];
    snprintf(directory, sizeof directory, "%s", o->container_pid_file);
    char *slash = strrchr(directory, '/');
    if (slash) {
        *(slash == directory ? slash + 1 : slash) = '\0';
    }
    if (child_events < 0 || log_fd < 0 || watch < 0 || !write_file_atomically(o->pid_file, pid_text)
        || inotify_add_watch(watch, slash ? directory : ".", IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE) < 0) {
        dprintf(ready, "cannot set up the monitor: %s", strerror(errno));
        return 1;
    }

    struct output outputs[2] = {{-1, "stdout"}, {-1, "stderr"}};
    int console = -1;
    int child_stdout[2] = {-1, -1};
    int child_stderr[2] = {-1, -1};
    if (o->console_socket) {
        console = listen_console(o->console_socket);
        if (console < 0) {
            dprintf(ready, "cannot listen on %s: %s", o->console_socket, strerror(errno));
            return 1;
        }
    } else if (pipe2(child_stdout, O_CLOEXEC) != 0 || pipe2(child_stderr, O_CLOEXEC) != 0) {
        dprintf(ready, "cannot make pipes: %s", strerror(errno));
        return 1;
    }
    int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    /* the caller's stdio may be a pipe it reads to the end: the daemon must not hold it */
    (void)dup2(null_fd, STDIN_FILENO);
    (void)dup2(null_fd, STDOUT_FILENO);
    (void)dup2(null_fd, STDERR_FILENO);

    pid_t runtime = fork();
    if (runtime < 0) {
        dprintf(ready, "cannot fork: %s", strerror(errno));
        return 1;
    }
    if (runtime == 0) {
        /* the runtime's stdio is the container's when it has no terminal */
        (void)dup2(null_fd, STDIN_FILENO);
        (void)dup2(o->console_socket ? null_fd : child_stdout[1], STDOUT_FILENO);
        (void)dup2(o->console_socket ? null_fd : child_stderr[1], STDERR_FILENO);
        (void)signal(SIGPIPE, SIG_DFL);
        (void)signal(SIGHUP, SIG_DFL);
        sigprocmask(SIG_SETMASK, &original, NULL);
        execvp(o->runtime_argv[0], o->runtime_argv);
        dprintf(STDERR_FILENO, "jcompose-monitor: cannot run %s: %s\n", o->runtime_argv[0], strerror(errno));
        _exit(127);
    }
    close_quietly(null_fd);
    if (!o->console_socket) {
        close_quietly(child_stdout[1]);
        close_quietly(child_stderr[1]);
        outputs[0].fd = child_stdout[0];
        outputs[1].fd = child_stderr[0];
    }

    bool told = false;
    int status = -1;
    while (status < 0) {
        if (!told && has_pid(o->container_pid_file)) {
            (void)write_all(ready, "R", 1);
            close_quietly(ready);
            close_quietly(watch);
            watch = -1;
            told = true;
        }
        struct pollfd polled[5] = {
            {child_events, POLLIN, 0}, {outputs[0].fd, POLLIN, 0}, {outputs[1].fd, POLLIN, 0},
            {console, POLLIN, 0},      {watch, POLLIN, 0}};
        if (poll(polled, 5, -1) < 0 && errno != EINTR) {
            break;
        }
        for (int i = 0; i < 2; i++) {
            if (polled[i + 1].revents) {
                (void)copy_output(&outputs[i], log_fd);
            }
        }
        if (polled[3].revents) {
            int master = receive_console(console);
            close_quietly(console);
            console = -1;
            if (master >= 0) {
                outputs[0].fd = master;
            }
        }
        if (polled[4].revents) {
            char events[4096];
            while (read(watch, events, sizeof events) > 0) {
                /* only a wake-up: has_pid looks at the file itself */
            }
        }
        if (polled[0].revents) {
            struct signalfd_siginfo info;
            while (read(child_events, &info, sizeof info) > 0) {
            }
            int reaped;
            pid_t pid;
            /* reap everything: orphans of a dead runtime come to us too (the subreaper above) */
            while ((pid = waitpid(-1, &reaped, WNOHANG)) > 0) {
                if (pid == runtime) {
                    status = exit_status(reaped);
                }
            }
        }
    }
    /* the container has ended: what it wrote is in the pipes; a process it left (pid: host) may hold them open,
       so drain what is there without waiting for an end that may not come */
    for (int i = 0; i < 2; i++) {
        if (outputs[i].fd >= 0) {
            (void)fcntl(outputs[i].fd, F_SETFL, O_NONBLOCK);
            struct pollfd p = {outputs[i].fd, POLLIN, 0};
            while (outputs[i].fd >= 0 && poll(&p, 1, 0) > 0 && (p.revents & (POLLIN | POLLHUP))) {
                if (!copy_output(&outputs[i], log_fd) || !(p.revents & POLLIN)) {
                    break;
                }
            }
        }
    }
    if (o->console_socket) {
        (void)unlink(o->console_socket);
    }
    /* a container that ran and ended between two looks at its pid file still ran */
    if (!told && has_pid(o->container_pid_file)) {
        (void)write_all(ready, "R", 1);
    }
    char code[16];
    snprintf(code, sizeof code, "%d", status < 0 ? 255 : status);
    (void)write_file_atomically(o->exit_file, code);
    /* the runtime ended before the container ran: the waiting parent exits 1, and jcompose reads why */
    close_quietly(ready);
    return 0;
}

int main(int argc, char **argv)
{
    struct options o = parse(argc, argv);
    int ready[2];
    if (pipe2(ready, O_CLOEXEC) != 0) {
        perror("jcompose-monitor: pipe");
        return 1;
    }
    pid_t daemon = fork();
    if (daemon < 0) {
        perror("jcompose-monitor: fork");
        return 1;
    }
    if (daemon == 0) {
        close_quietly(ready[0]);
        _exit(monitor(&o, ready[1]));
    }
    close_quietly(ready[1]);
    char answer[512];
    size_t used = 0;
    ssize_t n;
    while (used < sizeof answer - 1 && ((n = read(ready[0], answer + used, sizeof answer - 1 - used)) > 0
                                        || (n < 0 && errno == EINTR))) {
        used += n > 0 ? (size_t)n : 0;
    }
    answer[used] = '\0';
    if (used == 1 && answer[0] == 'R') {
        return 0;
    }
    if (used > 0) {
        fprintf(stderr, "jcompose-monitor: %s\n", answer);
    }
    return 1;
}

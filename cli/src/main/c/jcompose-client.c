/*
 * jcompose-client: hands one jcompose command to a standby JVM over a Unix socket, or runs the cold JVM.
 *
 *     jcompose-client SOCKET K COLD_ARGV...
 *
 * SOCKET "-" is standby-<euid>.sock next to this client's own binary: where bin/jcompose has its standby JVMs
 * listen, which the launcher script could only name by asking for the uid, a process of its own.
 * The standby JVM has already started and warmed up; this client sends it the command (cwd, the K user arguments,
 * the environment) and its own stdin/stdout/stderr (SCM_RIGHTS), forwards the signals it receives while the command
 * runs and exits with the command's status. When no standby JVM answers, or it declines, the client execs COLD_ARGV
 * exactly as bin/jcompose would have: same environment, signal mask and dispositions, no extra descriptors.
 * The wire format (protocol v1) is described in cli/src/main/java/io/jcompose/cli/standby/StandbyJvm.java. libc only: it must build wherever a C compiler exists.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

extern char **environ;

/* The signals the user may send to a running command; the standby JVM re-raises them in its own process. */
static const int forwarded_signals[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH};
#define FORWARDED_COUNT (sizeof forwarded_signals / sizeof forwarded_signals[0])

static const char request_magic[4] = {'J', 'C', 'S', '1'};
enum { HEADER_SIZE = 8, STATUS_MESSAGE_SIZE = 5, SIGNAL_MESSAGE_SIZE = 3 };

/* What the cold fallback needs, kept from the start: the command line and the signal mask we were given. */
static char **cold_argv;
static sigset_t original_mask;

/* Write end of the self-pipe: the signal handler's only way to tell the main loop (see on_signal). */
static int signal_pipe_write = -1;

static void usage(const char *message)
{
    fprintf(stderr, "jcompose-client: %s\nusage: jcompose-client SOCKET K COLD_ARGV...\n"
                    "  K: how many trailing elements of COLD_ARGV are the user's arguments to jcompose\n"
                    "  SOCKET -: standby-<euid>.sock in the directory of this binary\n",
            message);
    exit(2);
}

static void close_quietly(int fd)
{
    if (fd >= 0) {
        /* close() is never retried on Linux, even after EINTR: the descriptor is gone either way */
        (void)close(fd);
    }
}

/*
 * Execs the cold JVM, with the signal mask as we received it (a HUP/INT/QUIT/TERM that arrived while the request
 * was pending is delivered here, before the exec, with its default effect). The socket and /dev/null descriptors
 * are closed explicitly; both are close-on-exec anyway. Dispositions were not touched before an answer.
 */
static _Noreturn void run_cold(int sock, int devnull)
{
    close_quietly(sock);
    close_quietly(devnull);
    if (sigprocmask(SIG_SETMASK, &original_mask, NULL) != 0) {
        fprintf(stderr, "jcompose: cannot restore the signal mask: %s\n", strerror(errno));
    }
    execv(cold_argv[0], cold_argv);
    fprintf(stderr, "jcompose: cannot run %s: %s\n", cold_argv[0], strerror(errno));
    exit(127);
}

/* A growable byte buffer: the environment alone can be hundreds of KiB. */
struct buffer {
    char *data;
    size_t length;
    size_t capacity;
};

static bool buffer_append(struct buffer *b, const void *bytes, size_t count)
{
    if (count > SIZE_MAX - b->length) {
        return false;
    }
    size_t needed = b->length + count;
    if (needed > b->capacity) {
        size_t capacity = b->capacity > 0 ? b->capacity : 4096;
        while (capacity < needed) {
            capacity = capacity > SIZE_MAX / 2 ? needed : capacity * 2;
        }
        char *grown = realloc(b->data, capacity);
        if (grown == NULL) {
            return false;
        }
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, bytes, count);
    b->length = needed;
    return true;
}

/* Appends the string with its terminating NUL: the body is a sequence of NUL-terminated strings. */
static bool buffer_append_string(struct buffer *b, const char *s)
{
    return buffer_append(b, s, strlen(s) + 1);
}

/* getcwd() into a buffer as large as the path needs; NULL when the directory is gone or unreadable. */
static char *current_directory(void)
{
    size_t size = 512;
    for (;;) {
        char *dir = malloc(size);
        if (dir == NULL) {
            return NULL;
        }
        if (getcwd(dir, size) != NULL) {
            return dir;
        }
        int error = errno;
        free(dir);
        if (error != ERANGE || size > SIZE_MAX / 2) {
            return NULL;
        }
        size *= 2;
    }
}

/* Header ("JCS1", body length big-endian) and body (cwd, K, the K arguments, the environment); false on failure. */
static bool build_request(struct buffer *request, char *const *user_args, size_t user_arg_count)
{
    char header[HEADER_SIZE] = {0};
    if (!buffer_append(request, header, sizeof header)) {
        return false;
    }
    char *cwd = current_directory();
    if (cwd == NULL) {
        return false;
    }
    bool ok = buffer_append_string(request, cwd);
    free(cwd);
    char count[24];
    int printed = snprintf(count, sizeof count, "%zu", user_arg_count);
    ok = ok && printed > 0 && (size_t)printed < sizeof count && buffer_append_string(request, count);
    for (size_t i = 0; ok && i < user_arg_count; i++) {
        ok = buffer_append_string(request, user_args[i]);
    }
    for (char **entry = environ; ok && entry != NULL && *entry != NULL; entry++) {
        ok = buffer_append_string(request, *entry);
    }
    if (!ok) {
        return false;
    }
    size_t body_length = request->length - HEADER_SIZE;
    if (body_length > UINT32_MAX) {
        return false;
    }
    uint32_t length = (uint32_t)body_length;
    memcpy(request->data, request_magic, sizeof request_magic);
    request->data[4] = (char)(length >> 24);
    request->data[5] = (char)(length >> 16);
    request->data[6] = (char)(length >> 8);
    request->data[7] = (char)length;
    return true;
}

/*
 * The descriptors to hand over: our 0, 1 and 2, or /dev/null in place of a closed one (the command must not write
 * into whatever the standby JVM has there). *devnull is the descriptor we opened, or -1.
 */
static bool standard_descriptors(int fds[3], int *devnull)
{
    bool closed[3];
    bool any_closed = false;
    *devnull = -1;
    for (int fd = 0; fd < 3; fd++) {
        closed[fd] = fcntl(fd, F_GETFD) < 0;
        if (closed[fd] && errno != EBADF) {
            return false;
        }
        any_closed = any_closed || closed[fd];
        fds[fd] = fd;
    }
    if (any_closed) {
        /* opened only after all three were looked at, since it may take one of their numbers */
        do {
            *devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
        } while (*devnull < 0 && errno == EINTR);
        if (*devnull < 0) {
            return false;
        }
        for (int fd = 0; fd < 3; fd++) {
            if (closed[fd]) {
                fds[fd] = *devnull;
            }
        }
    }
    return true;
}

/* A connected socket, or -1 for any reason at all (no standby JVM is the common case, not an error). */
static int connect_to_standby(const char *path)
{
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    size_t length = strlen(path);
    if (length >= sizeof address.sun_path) {
        return -1;
    }
    memcpy(address.sun_path, path, length + 1);
    for (;;) {
        int sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (sock < 0) {
            return -1;
        }
        if (connect(sock, (const struct sockaddr *)&address, sizeof address) == 0) {
            return sock;
        }
        int error = errno;
        close_quietly(sock);
        if (error != EINTR) {
            return -1;
        }
        /* an interrupted AF_UNIX connect is abandoned, not in progress: start over with a fresh socket */
    }
}

/*
 * A standby JVM that is starting (its spawner touched SOCKET.starting) is waited for when it should be listening
 * soon: the last one wrote in SOCKET.startup how many ms it took from its spawn to listening. Waiting longer than a
 * JVM of its own would take to start is pointless, so a command run right after a short one usually starts its
 * own; one run after a longer command, or a moment later, finds the standby JVM ready.
 */
enum { STARTING_WAIT_MAX_MS = 250, STARTING_DEFAULT_MS = 500, STARTING_POLL_MS = 2 };

/* ms since the file's last change, or -1 */
static long long age_ms(const char *path)
{
    struct stat info;
    struct timespec now;
    if (stat(path, &info) != 0 || clock_gettime(CLOCK_REALTIME, &now) != 0) {
        return -1;
    }
    return (long long)(now.tv_sec - info.st_mtim.tv_sec) * 1000 + (now.tv_nsec - info.st_mtim.tv_nsec) / 1000000;
}

/* The number in a small file, or fallback */
static long long number_in(const char *path, long long fallback)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return fallback;
    }
    char text[32];
    ssize_t count = read(fd, text, sizeof text - 1);
    close_quietly(fd);
    if (count <= 0) {
        return fallback;
    }
    text[count] = '\0';
    char *end;
    long long value = strtoll(text, &end, 10);
    return end == text || value < 0 ? fallback : value;
}

static int connect_or_wait(const char *path)
{
    int sock = connect_to_standby(path);
    if (sock >= 0) {
        return sock;
    }
    char marker[sizeof ((struct sockaddr_un *)0)->sun_path + 16];
    char record[sizeof marker];
    int written = snprintf(marker, sizeof marker, "%s.starting", path);
    int written_record = snprintf(record, sizeof record, "%s.startup", path);
    if (written < 0 || (size_t)written >= sizeof marker || written_record < 0 ||
        (size_t)written_record >= sizeof record) {
        return -1;
    }
    long long age = age_ms(marker);
    if (age < 0) {
        return -1;
    }
    long long remaining = number_in(record, STARTING_DEFAULT_MS) - age;
    if (remaining > STARTING_WAIT_MAX_MS || age > 10 * STARTING_DEFAULT_MS) {
        return -1;
    }
    long long limit = remaining < 0 ? STARTING_POLL_MS * 10 : remaining + remaining / 2 + 20;
    if (limit > STARTING_WAIT_MAX_MS) {
        limit = STARTING_WAIT_MAX_MS;
    }
    struct timespec pause = {.tv_sec = 0, .tv_nsec = STARTING_POLL_MS * 1000000L};
    for (long long waited = 0; waited < limit; waited += STARTING_POLL_MS) {
        nanosleep(&pause, NULL); /* the forwarded signals are blocked: nothing interrupts it but a stop */
        sock = connect_to_standby(path);
        if (sock >= 0) {
            return sock;
        }
    }
    return -1;
}

/* Writes all bytes, through EINTR and short writes; MSG_NOSIGNAL: a vanished server is EPIPE, never SIGPIPE. */
static bool send_all(int sock, const char *bytes, size_t count)
{
    while (count > 0) {
        ssize_t sent = send(sock, bytes, count, MSG_NOSIGNAL);
        if (sent < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        bytes += sent;
        count -= (size_t)sent;
    }
    return true;
}

/* The first sendmsg carries the three descriptors and as much of the request as the kernel takes. */
static bool send_request(int sock, const int fds[3], const struct buffer *request)
{
    union {
        struct cmsghdr header;
        char bytes[CMSG_SPACE(3 * sizeof(int))];
    } control;
    memset(&control, 0, sizeof control);
    struct iovec data = {.iov_base = request->data, .iov_len = request->length};
    struct msghdr message;
    memset(&message, 0, sizeof message);
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control.bytes;
    message.msg_controllen = sizeof control.bytes;
    struct cmsghdr *rights = CMSG_FIRSTHDR(&message);
    rights->cmsg_level = SOL_SOCKET;
    rights->cmsg_type = SCM_RIGHTS;
    rights->cmsg_len = CMSG_LEN(3 * sizeof(int));
    memcpy(CMSG_DATA(rights), fds, 3 * sizeof(int));
    ssize_t sent;
    do {
        sent = sendmsg(sock, &message, MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    if (sent < 0) {
        return false;
    }
    return send_all(sock, request->data + sent, request->length - (size_t)sent);
}

/* One byte of the answer: 'N', 'A', or -1 at EOF or on error (the standby JVM went away before deciding). */
static int read_answer(int sock)
{
    unsigned char answer;
    ssize_t count;
    do {
        count = read(sock, &answer, 1);
    } while (count < 0 && errno == EINTR);
    return count == 1 ? answer : -1;
}

/*
 * Async-signal-safe: two bytes into a non-blocking pipe (one write of less than PIPE_BUF bytes is atomic). If the
 * pipe were ever full the signal would be dropped, which takes some 32768 unread signals.
 */
static void on_signal(int signal_number, siginfo_t *info, void *context)
{
    (void)context;
    int saved_errno = errno;
    unsigned char record[2] = {(unsigned char)signal_number, info != NULL && info->si_code == SI_KERNEL};
    if (write(signal_pipe_write, record, sizeof record) < 0) {
        /* nothing to do in a handler; see above */
    }
    errno = saved_errno;
}

/*
 * From now on the command runs in the standby JVM: catch the forwarded signals and let them in. A signal that the
 * cold JVM would have inherited as ignored (nohup's HUP, INT and QUIT of a background job) stays ignored here.
 * Returns the read end of the self-pipe, or -1 if signals cannot be forwarded (they then act on the client as usual).
 */
static int start_forwarding_signals(void)
{
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK) != 0) {
        fprintf(stderr, "jcompose: signals will not reach the command (pipe: %s)\n", strerror(errno));
        if (sigprocmask(SIG_SETMASK, &original_mask, NULL) != 0) {
            fprintf(stderr, "jcompose: cannot restore the signal mask: %s\n", strerror(errno));
        }
        return -1;
    }
    signal_pipe_write = pipe_fds[1];
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_signal;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigset_t forwarded;
    if (sigemptyset(&action.sa_mask) != 0 || sigemptyset(&forwarded) != 0) {
        abort(); /* cannot fail with a valid pointer */
    }
    for (size_t i = 0; i < FORWARDED_COUNT; i++) {
        /* in sa_mask too: handlers do not nest, so signals are recorded lowest number first, as delivered */
        if (sigaddset(&forwarded, forwarded_signals[i]) != 0 || sigaddset(&action.sa_mask, forwarded_signals[i]) != 0) {
            abort();
        }
    }
    for (size_t i = 0; i < FORWARDED_COUNT; i++) {
        int signal_number = forwarded_signals[i];
        struct sigaction current;
        bool ignored = sigaction(signal_number, NULL, &current) == 0 && !(current.sa_flags & SA_SIGINFO) &&
                       current.sa_handler == SIG_IGN;
        if (!ignored && sigaction(signal_number, &action, NULL) != 0) {
            fprintf(stderr, "jcompose: signal %d will not reach the command: %s\n", signal_number, strerror(errno));
        }
    }
    /* all five, ignored ones too: a blocked signal would stay pending instead of being discarded */
    if (sigprocmask(SIG_UNBLOCK, &forwarded, NULL) != 0) {
        fprintf(stderr, "jcompose: signals will not reach the command: %s\n", strerror(errno));
    }
    return pipe_fds[0];
}

/* Exit status after 'A' and EOF, from what arrived ('X') or, failing that, what the user did (a signal). */
struct outcome {
    bool has_status;
    int32_t status;
    int last_terminating_signal;
};

/* Reads the self-pipe and sends one 'S' message per signal; a server that has gone (EPIPE) is noticed at EOF. */
static void forward_pending_signals(int signal_pipe_read, int sock, struct outcome *outcome)
{
    static unsigned char pending[2];
    static size_t pending_length;
    unsigned char records[128];
    for (;;) {
        ssize_t count = read(signal_pipe_read, records, sizeof records);
        if (count < 0 && errno == EINTR) {
            continue;
        }
        if (count <= 0) {
            return; /* EAGAIN: all read */
        }
        for (ssize_t i = 0; i < count; i++) {
            pending[pending_length++] = records[i];
            if (pending_length < sizeof pending) {
                continue;
            }
            pending_length = 0;
            char message[SIGNAL_MESSAGE_SIZE] = {'S', (char)pending[0], (char)(pending[1] != 0)};
            if (!send_all(sock, message, sizeof message)) {
                /* the server has ended or is ending: its EOF decides what happens next */
            }
            if (pending[0] != SIGWINCH) {
                /* a window change ends nothing: it does not count as the signal the command died of */
                outcome->last_terminating_signal = pending[0];
            }
        }
    }
}

/* Messages after 'A': only 'X' + int32 is defined. */
struct message_parser {
    unsigned char bytes[STATUS_MESSAGE_SIZE];
    size_t length;
    bool warned;
};

static void parse_messages(struct message_parser *parser, const unsigned char *data, size_t count,
                           struct outcome *outcome)
{
    for (size_t i = 0; i < count && !outcome->has_status; i++) {
        if (parser->length == 0 && data[i] != 'X') {
            if (!parser->warned) {
                fprintf(stderr, "jcompose: ignoring an unknown message (%d) from the standby JVM\n", data[i]);
                parser->warned = true;
            }
            continue;
        }
        parser->bytes[parser->length++] = data[i];
        if (parser->length == STATUS_MESSAGE_SIZE) {
            uint32_t status = (uint32_t)parser->bytes[1] << 24 | (uint32_t)parser->bytes[2] << 16 |
                              (uint32_t)parser->bytes[3] << 8 | (uint32_t)parser->bytes[4];
            outcome->status = (int32_t)status;
            outcome->has_status = true;
        }
    }
}

/* The command runs: forward signals until its status arrives (or EOF), then exit as the protocol says. The standby
 * JVM has released the command's locks and let go of our descriptors before it sends the status: its own teardown
 * (tens of ms) need not be waited for. */
static _Noreturn void follow_command(int sock)
{
    int signal_pipe_read = start_forwarding_signals();
    struct outcome outcome = {.has_status = false, .status = 0, .last_terminating_signal = 0};
    struct message_parser parser = {.length = 0, .warned = false};
    struct pollfd polled[2] = {{.fd = sock, .events = POLLIN}, {.fd = signal_pipe_read, .events = POLLIN}};
    nfds_t polled_count = signal_pipe_read >= 0 ? 2 : 1;
    for (bool at_eof = false; !at_eof && !outcome.has_status;) {
        if (poll(polled, polled_count, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            fprintf(stderr, "jcompose: lost the standby JVM (poll: %s)\n", strerror(errno));
            exit(1);
        }
        if (polled_count == 2 && polled[1].revents != 0) {
            forward_pending_signals(signal_pipe_read, sock, &outcome);
        }
        if (polled[0].revents != 0) {
            unsigned char data[512];
            ssize_t count = read(sock, data, sizeof data);
            if (count < 0 && errno == EINTR) {
                continue;
            }
            if (count <= 0) {
                at_eof = true; /* ECONNRESET and the like: the server is gone, as with EOF */
            } else {
                parse_messages(&parser, data, (size_t)count, &outcome);
            }
        }
    }
    if (outcome.has_status) {
        exit(outcome.status & 0xff);
    }
    if (outcome.last_terminating_signal != 0) {
        exit(128 + outcome.last_terminating_signal);
    }
    fprintf(stderr, "jcompose: the standby JVM ended without an exit status\n");
    exit(1);
}

/* K: a decimal count, at most max; false if it is anything else. */
static bool parse_count(const char *text, size_t max, size_t *count)
{
    if (*text == '\0') {
        return false;
    }
    size_t value = 0;
    for (const char *c = text; *c != '\0'; c++) {
        if (*c < '0' || *c > '9') {
            return false;
        }
        size_t digit = (size_t)(*c - '0');
        if (digit > max || value > (max - digit) / 10) {
            return false;
        }
        value = value * 10 + digit;
    }
    *count = value;
    return true;
}

/* standby-<euid>.sock in the directory of this binary; NULL when the path cannot be known (then: cold) */
static const char *socket_next_to_client(void)
{
    static char path[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0) {
        return NULL;
    }
    path[n] = '\0';
    char *slash = strrchr(path, '/');
    if (!slash) {
        return NULL;
    }
    size_t room = sizeof path - (size_t)(slash + 1 - path);
    int written = snprintf(slash + 1, room, "standby-%u.sock", (unsigned)geteuid());
    return written > 0 && (size_t)written < room ? path : NULL;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        usage("expected a socket, a count and the cold command line");
    }
    const char *socket_path = argv[1];
    cold_argv = argv + 3;
    bool next_to_client = strcmp(socket_path, "-") == 0;
    size_t cold_count = (size_t)argc - 3;
    size_t user_arg_count;
    if (!parse_count(argv[2], cold_count - 1, &user_arg_count)) {
        usage("K must be a decimal count no larger than the number of COLD_ARGV elements after the first");
    }
    if (*socket_path == '\0' || *cold_argv[0] == '\0') {
        usage("SOCKET and COLD_ARGV[0] must not be empty");
    }
    if (next_to_client) {
        socket_path = socket_next_to_client();
    }

    sigset_t held;
    if (sigemptyset(&held) != 0) {
        abort();
    }
    for (size_t i = 0; i < FORWARDED_COUNT; i++) {
        if (sigaddset(&held, forwarded_signals[i]) != 0) {
            abort();
        }
    }
    /* held until the answer: after 'A' they are forwarded, after 'N' the cold JVM gets them */
    if (sigprocmask(SIG_BLOCK, &held, &original_mask) != 0) {
        if (sigprocmask(SIG_SETMASK, NULL, &original_mask) != 0) {
            abort();
        }
        run_cold(-1, -1);
    }

    struct buffer request = {.data = NULL, .length = 0, .capacity = 0};
    if (!build_request(&request, cold_argv + (cold_count - user_arg_count), user_arg_count)) {
        run_cold(-1, -1);
    }
    int fds[3];
    int devnull;
    if (!standard_descriptors(fds, &devnull)) {
        run_cold(-1, devnull);
    }
    int sock = socket_path ? connect_or_wait(socket_path) : -1;
    if (sock < 0 || !send_request(sock, fds, &request)) {
        run_cold(sock, devnull);
    }
    free(request.data);
    close_quietly(devnull); /* the server holds its own copy now */
    int answer = read_answer(sock);
    if (answer == 'A') {
        follow_command(sock);
    }
    if (answer != 'N' && answer >= 0) {
        fprintf(stderr, "jcompose: unexpected answer (%d) from the standby JVM: starting a new JVM\n", answer);
    }
    run_cold(sock, -1);
}

/*
 * ws-floor: the cheapest room broadcast we know how to write, to measure what one delivery costs
 * this machine's kernel when nothing else runs. Not part of Liveroom; a yardstick for the fan-out
 * target of issue 4 (docs/PERFORMANCE.md, "The floor of one send() per delivery").
 *
 * It speaks the protocol of the shared bench's `ws` and `bun` peers, so the same load client drives
 * it (`client.mjs --protocol ws`):
 *   client -> {"t":"join","room":R}          server -> {"t":"joined","room":R}
 *   client -> {"t":"pub","room":R,"d":D}     server -> {"t":"m","room":R,"d":D} to every member
 * One event loop (epoll), one room, the broadcast frame built once per publication, then one
 * send() per member, as Bun and ws do. No allocation, no copies, no framework: what it costs per
 * delivery is the system call and the kernel's TCP work (on loopback, also the receiver's).
 *
 * Build and run (see docs/PERFORMANCE.md for the client command):
 *   gcc -O2 -o /tmp/ws-floor scripts/floor/ws-floor.c -lcrypto
 *   PORT=18080 taskset -c 0 /tmp/ws-floor
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_FD 65536
#define IN_CAP 65536
#define OUT_CAP (1 << 20)

typedef struct {
  int open, upgraded, member;
  size_t in_len, out_len;
  unsigned char in[IN_CAP];
  unsigned char *out; /* bytes a full socket buffer did not take (rare; kept for correctness) */
} conn_t;

static conn_t *conns[MAX_FD];
static int members[MAX_FD];
static int member_count;
static int ep;

static void close_conn(int fd) {
  conn_t *c = conns[fd];
  if (!c) return;
  if (c->member) {
    for (int i = 0; i < member_count; i++) {
      if (members[i] == fd) { members[i] = members[--member_count]; break; }
    }
  }
  free(c->out);
  free(c);
  conns[fd] = NULL;
  close(fd);
}

/* Sends as much as the socket takes; the rest waits for EPOLLOUT. */
static void send_bytes(int fd, const unsigned char *p, size_t n) {
  conn_t *c = conns[fd];
  if (c->out_len == 0) {
    ssize_t w = send(fd, p, n, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (w == (ssize_t) n) return;
    if (w < 0) {
      if (errno != EAGAIN) { close_conn(fd); return; }
      w = 0;
    }
    p += w;
    n -= (size_t) w;
    struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT, .data.fd = fd};
    epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
  }
  if (!c->out) c->out = malloc(OUT_CAP);
  if (c->out_len + n > OUT_CAP) { close_conn(fd); return; } /* a reader this slow is dropped */
  memcpy(c->out + c->out_len, p, n);
  c->out_len += n;
}

static void flush_out(int fd) {
  conn_t *c = conns[fd];
  ssize_t w = send(fd, c->out, c->out_len, MSG_NOSIGNAL | MSG_DONTWAIT);
  if (w < 0) {
    if (errno != EAGAIN) close_conn(fd);
    return;
  }
  memmove(c->out, c->out + w, c->out_len - (size_t) w);
  c->out_len -= (size_t) w;
  if (c->out_len == 0) {
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};
    epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
  }
}

/* An unmasked server text frame around payload, into dst; returns its length. */
static size_t frame(unsigned char *dst, const char *payload, size_t n) {
  size_t h = 0;
  dst[h++] = 0x81;
  if (n < 126) {
    dst[h++] = (unsigned char) n;
  } else {
    dst[h++] = 126;
    dst[h++] = (unsigned char) (n >> 8);
    dst[h++] = (unsigned char) n;
  }
  memcpy(dst + h, payload, n);
  return h + n;
}

static void on_text(int fd, const char *msg, size_t n) {
  static unsigned char out[70000];
  static char body[70000];
  if (n > 60000) return;
  if (memmem(msg, n, "\"t\":\"join\"", 10)) {
    conns[fd]->member = 1;
    members[member_count++] = fd;
    const char *room = memmem(msg, n, "\"room\":", 7);
    size_t rlen = 0;
    if (room) {
      room += 7;
      const char *end = memchr(room + 1, '"', n - (size_t) (room + 1 - msg));
      rlen = end ? (size_t) (end - room) + 1 : 0;
    }
    int len = snprintf(body, sizeof body, "{\"t\":\"joined\",\"room\":%.*s}", (int) rlen, room ? room : "");
    send_bytes(fd, out, frame(out, body, (size_t) len));
  } else if (memmem(msg, n, "\"t\":\"pub\"", 9)) {
    /* {"t":"pub","room":R,"d":D} -> {"t":"m","room":R,"d":D}: the same text after "pub" */
    const char *rest = (const char *) memmem(msg, n, "\"t\":\"pub\"", 9) + 9;
    int len = snprintf(body, sizeof body, "{\"t\":\"m\"%.*s", (int) (n - (size_t) (rest - msg)), rest);
    size_t fl = frame(out, body, (size_t) len);
    /* Backwards: a member closed by a failed send is replaced by the last one, already served. */
    for (int i = member_count - 1; i >= 0; i--) send_bytes(members[i], out, fl);
  }
}

static void handshake(int fd) {
  conn_t *c = conns[fd];
  c->in[c->in_len] = 0;
  char *head_end = strstr((char *) c->in, "\r\n\r\n");
  if (!head_end) return;
  char *key = strcasestr((char *) c->in, "Sec-WebSocket-Key:");
  if (!key) { close_conn(fd); return; }
  key += 18;
  while (*key == ' ') key++;
  char *eol = strstr(key, "\r\n");
  char src[128];
  int klen = (int) (eol - key);
  if (klen <= 0 || klen > 64) { close_conn(fd); return; }
  snprintf(src, sizeof src, "%.*s258EAFA5-E914-47DA-95CA-C5AB0DC85B11", klen, key);
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1((unsigned char *) src, strlen(src), digest);
  unsigned char accept[64];
  EVP_EncodeBlock(accept, digest, SHA_DIGEST_LENGTH);
  char resp[256];
  int len = snprintf(resp, sizeof resp,
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Accept: %s\r\n\r\n", accept);
  c->upgraded = 1;
  size_t used = (size_t) (head_end + 4 - (char *) c->in);
  memmove(c->in, c->in + used, c->in_len - used);
  c->in_len -= used;
  send_bytes(fd, (unsigned char *) resp, (size_t) len);
}

/* Parses whole client frames (always masked) from the input buffer. */
static void frames(int fd) {
  conn_t *c = conns[fd];
  size_t at = 0;
  while (c->in_len - at >= 6) {
    unsigned char *p = c->in + at;
    int opcode = p[0] & 0x0f;
    size_t n = p[1] & 0x7f, h = 2;
    if (n == 126) {
      if (c->in_len - at < 8) break;
      n = ((size_t) p[2] << 8) | p[3];
      h = 4;
    } else if (n == 127) {
      close_conn(fd);
      return;
    }
    if (c->in_len - at < h + 4 + n) break;
    unsigned char *mask = p + h, *data = p + h + 4;
    for (size_t i = 0; i < n; i++) data[i] ^= mask[i & 3];
    if (opcode == 8) { close_conn(fd); return; }
    if (opcode == 1) on_text(fd, (char *) data, n);
    if (!conns[fd]) return;
    at += h + 4 + n;
  }
  memmove(c->in, c->in + at, c->in_len - at);
  c->in_len -= at;
}

int main(void) {
  int port = getenv("PORT") ? atoi(getenv("PORT")) : 8080;
  int ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  int one = 1;
  setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t) port), .sin_addr.s_addr = htonl(0x7f000001)};
  if (bind(ls, (struct sockaddr *) &a, sizeof a) || listen(ls, 4096)) { perror("listen"); return 1; }
  ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = ls};
  epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev);
  struct epoll_event evs[512];
  for (;;) {
    int k = epoll_wait(ep, evs, 512, -1);
    for (int i = 0; i < k; i++) {
      int fd = evs[i].data.fd;
      if (fd == ls) {
        int cfd;
        while ((cfd = accept4(ls, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
          if (cfd >= MAX_FD) { close(cfd); continue; }
          setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          conns[cfd] = calloc(1, sizeof(conn_t));
          struct epoll_event cev = {.events = EPOLLIN, .data.fd = cfd};
          epoll_ctl(ep, EPOLL_CTL_ADD, cfd, &cev);
        }
        continue;
      }
      if (!conns[fd]) continue;
      if (evs[i].events & EPOLLOUT) flush_out(fd);
      if (!conns[fd] || !(evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) continue;
      conn_t *c = conns[fd];
      ssize_t r = recv(fd, c->in + c->in_len, IN_CAP - 1 - c->in_len, 0);
      if (r <= 0) {
        if (r < 0 && errno == EAGAIN) continue;
        close_conn(fd);
        continue;
      }
      c->in_len += (size_t) r;
      if (!c->upgraded) handshake(fd);
      if (conns[fd] && c->upgraded) frames(fd);
      if (conns[fd] && c->in_len >= IN_CAP - 1) close_conn(fd);
    }
  }
}

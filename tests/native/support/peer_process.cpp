#include "peer_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "wasm_ssl.h"

namespace wssl_test {
namespace {
long now_ms() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
}  // namespace

PeerProcess::PeerProcess(const std::vector<std::string> &argv) {
  int out[2], in[2];
  if (pipe(out) != 0 || pipe(in) != 0) return;
  pid_ = fork();
  if (pid_ == 0) {
    // The peer dies with the test process, even one a sanitizer aborts mid-test.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(out[1], 2);
    close(in[1]);
    close(out[0]);
    std::vector<char *> args;
    for (const auto &a : argv) args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  out_fd_ = out[0];
  in_fd_ = in[1];
  fcntl(out_fd_, F_SETFL, fcntl(out_fd_, F_GETFL) | O_NONBLOCK);
  signal(SIGPIPE, SIG_IGN);
}

PeerProcess::~PeerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (out_fd_ >= 0) close(out_fd_);
  if (in_fd_ >= 0) close(in_fd_);
}

int PeerProcess::wait_for_accept_port(int timeout_ms) {
  std::string accept = wait_for("ACCEPT", timeout_ms);
  size_t colon = accept.rfind(':');
  return colon == std::string::npos ? 0 : std::atoi(accept.c_str() + colon + 1);
}

std::string PeerProcess::wait_for(const std::string &needle, int timeout_ms) {
  long deadline = now_ms() + timeout_ms;
  for (;;) {
    size_t pos = output_.find(needle, scanned_);
    if (pos != std::string::npos) {
      size_t start = output_.rfind('\n', pos);
      start = start == std::string::npos ? 0 : start + 1;
      size_t end = output_.find('\n', pos);
      if (end != std::string::npos) {
        scanned_ = end + 1;
        return output_.substr(start, end - start);
      }
    }
    long left = deadline - now_ms();
    if (left <= 0) return "";
    pollfd p{out_fd_, POLLIN, 0};
    poll(&p, 1, static_cast<int>(left < 100 ? left : 100));
    char buf[4096];
    ssize_t n = read(out_fd_, buf, sizeof buf);
    if (n > 0) output_.append(buf, static_cast<size_t>(n));
    else if (n == 0 && output_.find(needle, scanned_) == std::string::npos) return "";
  }
}

void PeerProcess::send(const std::string &data) {
  if (write(in_fd_, data.data(), data.size()) < 0) return;
}

void PeerProcess::close_stdin() {
  close(in_fd_);
  in_fd_ = -1;
}

Listener::Listener() {
  fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
  listen(fd, 16);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
  port = ntohs(addr.sin_port);
}

Listener::~Listener() { close(fd); }

int Listener::accept(int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  if (poll(&p, 1, timeout_ms) != 1) return -1;
  return ::accept(fd, nullptr, nullptr);
}

int connect_loopback(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

int pump(int fd, const std::function<int()> &op, int timeout_ms) {
  long deadline = now_ms() + timeout_ms;
  for (;;) {
    int r = op();
    if (r != WSSL_WANT_READ && r != WSSL_WANT_WRITE) return r;
    long left = deadline - now_ms();
    if (left <= 0) return r;
    pollfd p{fd, static_cast<short>(r == WSSL_WANT_READ ? POLLIN : POLLOUT), 0};
    poll(&p, 1, static_cast<int>(left < 200 ? left : 200));
  }
}

}  // namespace wssl_test

// A real TLS peer (openssl, gnutls) run as a child process on loopback, with its output
// readable line by line and a hard kill when the test ends.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

namespace wssl_test {

class PeerProcess {
 public:
  explicit PeerProcess(const std::vector<std::string> &argv);
  ~PeerProcess();
  PeerProcess(const PeerProcess &) = delete;
  PeerProcess &operator=(const PeerProcess &) = delete;

  // Reads output until a line contains `needle`; returns that line, or "" after timeout_ms.
  std::string wait_for(const std::string &needle, int timeout_ms = 10000);
  // For `openssl s_server -accept 127.0.0.1:0`: the port its ACCEPT line names, or 0 after
  // the timeout.
  int wait_for_accept_port(int timeout_ms = 10000);
  // Everything read so far (stdout and stderr together).
  const std::string &output() const { return output_; }
  void send(const std::string &data);  // to its stdin
  void close_stdin();

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1, in_fd_ = -1;
  std::string output_;
  size_t scanned_ = 0;
};

// A listening TCP socket on 127.0.0.1 with an ephemeral port.
struct Listener {
  Listener();
  ~Listener();
  int accept(int timeout_ms = 10000);  // a connected fd, or -1
  int fd = -1;
  int port = 0;
};

int connect_loopback(int port);

// Calls op until it returns something other than WANT_READ/WANT_WRITE, waiting for the
// socket with poll in between; gives up (returns op's last result) after timeout_ms.
int pump(int fd, const std::function<int()> &op, int timeout_ms = 10000);

}  // namespace wssl_test

# The runner's coordination itself: globals() reach the other instance by its next next(),
# broadcast() wakes wait(), and each instance's output is its own.
def instance0():
    multitest.globals(NUMBER=7, TEXT="seven")
    multitest.next()
    multitest.wait("client ready")
    print("instance0 saw the broadcast")
    multitest.broadcast("server done")


def instance1():
    multitest.next()
    print("instance1 got", NUMBER, TEXT)
    multitest.broadcast("client ready")
    multitest.wait("server done")
    print("instance1 saw the broadcast")

# MicroPython's older name for socket (`import usocket`), as the board firmware still offers it.
from socket import *

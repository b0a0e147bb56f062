# MicroPython's older name for ssl (`import ussl`), as the board firmware still offers it.
from ssl import *

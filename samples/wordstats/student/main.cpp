// The student's program: wordstats [-n TOP] < text
#include "wordstats.hpp"

int main(int argc, char** argv) { return wordstats::main_program(argc, argv); }

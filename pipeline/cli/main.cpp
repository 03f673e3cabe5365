#include <iostream>
int main() { std::cout << "tillit\n"; }

package com.acme;

public @interface Isolated {}

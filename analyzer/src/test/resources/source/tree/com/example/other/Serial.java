package com.example.other;

public @interface Serial {}

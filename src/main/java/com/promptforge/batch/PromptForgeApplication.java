package com.promptforge.batch;
public class PromptForgeApplication { public static void main(String[] a) {} }
